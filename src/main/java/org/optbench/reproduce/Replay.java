package org.optbench.reproduce;

import java.util.Optional;
import org.optbench.result.CurveComparison;
import org.optbench.result.TrialResult;

/**
 * What running a trial again gave.
 *
 * @param difference the first cell where the reproduced curves differ from the stored ones, or
 *     empty if they are identical (timing columns aside)
 * @param result the reproduced trial's result
 */
public record Replay(Optional<CurveComparison.Difference> difference, TrialResult result) {}
