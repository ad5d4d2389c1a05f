/**
 * The result store: where trials write their curves and results, and the only thing reports read.
 *
 * <pre>
 * results/&lt;experiment&gt;/
 *   experiment.resolved.yaml   every default filled in: reproduces the run
 *   manifest.json              versions, hardware, threads, git commit, data checksums
 *   trials.csv                 index: one row per trial of the plan
 *   trials/&lt;problem&gt;/&lt;optimizer&gt;/&lt;setting&gt;--&lt;hash8&gt;/seed-&lt;n&gt;/
 *     spec.json  curve.csv  evals.csv  result.json (written last, atomically)
 * </pre>
 *
 * This package owns the format: every file name and column header, and the writers and readers
 * of the index ({@link org.optbench.result.TrialIndex}), the selection
 * ({@link org.optbench.result.SelectionFile}), the curves ({@link org.optbench.result.CurveFormat}
 * writes them, {@link org.optbench.result.CurveTable} reads them)
 * and a trial's spec and result ({@link org.optbench.result.ResultStore}).
 *
 * <p>{@code manifest.json} and every {@code result.json} record the format's version
 * ({@link org.optbench.result.StoreFormat}); a folder of a version this optbench cannot read is
 * refused by {@code run} and {@code report} alike.
 *
 * <p>A trial directory without {@code result.json} is unfinished and is run again; one with it is
 * finished if its files are whole ({@link org.optbench.result.TrialFolder}), else damaged.
 */
package org.optbench.result;
