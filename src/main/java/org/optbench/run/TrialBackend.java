package org.optbench.run;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.optbench.experiment.TrialSpec;

/**
 * What a session needs from the machinery that trains trials, without depending on it.
 *
 * @param runner trains one trial
 * @param facts facts about the numeric backend for {@code manifest.json} (its {@code backend}
 *     section), e.g. the native classifier
 * @param prepare loads and verifies the data the trials need before any training, returning the
 *     SHA-256 of every data file by data set and file name; throws
 *     {@link org.optbench.UserInputException} if data is missing or corrupt
 * @param bits the backend facts that decide a result's bits: a folder recorded with other
 *     values is not resumed
 */
public record TrialBackend(TrialRunner runner, Supplier<Map<String, Object>> facts,
    Function<List<TrialSpec>, Map<String, Map<String, String>>> prepare,
    BitDecidingFacts bits) {}
