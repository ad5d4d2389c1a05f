/**
 * Statistics for comparing optimizers across seeds and problems, in plain Java on commons-math3.
 *
 * <ul>
 *   <li>{@link org.optbench.stats.Summary}: mean, sample standard deviation, min and max.
 *   <li>{@link org.optbench.stats.BootstrapInterval}: seeded percentile bootstrap confidence
 *       interval of a mean (Efron &amp; Tibshirani 1993).
 *   <li>{@link org.optbench.stats.WilcoxonSignedRank}: two-sided paired signed-rank test
 *       (Wilcoxon 1945), exact for up to 30 non-zero differences.
 *   <li>{@link org.optbench.stats.Holm}: Holm's step-down adjustment of p-values (Holm 1979).
 *   <li>{@link org.optbench.stats.PairedComparison}: per problem, which optimizers cannot be told
 *       apart from the best one over paired seeds.
 *   <li>{@link org.optbench.stats.PerformanceProfile}: time-to-target performance profiles and
 *       their normalised area (Dolan &amp; Moré 2002; Dahl et al. 2023).
 *   <li>{@link org.optbench.stats.ExpectedMaxCurve}: expected best validation score after k
 *       random-search trials (Dodge et al. 2019).
 * </ul>
 *
 * <p>Distributions, ranks, percentiles and the signed-rank p-value come from commons-math3; the
 * procedures that define the protocol (resampling loop, Holm step-down, profiles, expected-max
 * curves) are written here. Every randomised procedure takes an explicit seed and draws from
 * {@link java.util.SplittableRandom}, so results are reproducible. Invalid input raises
 * {@link java.lang.IllegalArgumentException} with a message naming the offending value.
 */
package org.optbench.stats;
