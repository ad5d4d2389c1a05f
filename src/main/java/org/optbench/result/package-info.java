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
 * A trial directory with {@code result.json} is complete; one without it is incomplete and is run
 * again from the start.
 */
package org.optbench.result;
