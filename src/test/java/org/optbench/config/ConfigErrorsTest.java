package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a config can be wrong, each with the exact message the user sees. The full text is
 * pinned on purpose: these messages are the interface of the tool, so any change in wording must
 * show up here as a deliberate edit.
 */
class ConfigErrorsTest {
  private static final Path FILE = Path.of("bad.yaml");

  /** The catalogue's ids in display order, as the "accepted:" lists print them. */
  private static final String PROBLEM_IDS = "mnist-logreg, mnist-mlp, mnist-2c2d,"
      + " fashion-mnist-logreg, fashion-mnist-mlp, fashion-mnist-2c2d, cifar10-3c3d,"
      + " ravine-regression,"
      + " ravine-2d, rosenbrock, saddle, two-wells";
  /** What an unknown problem id is told is accepted: a catalogue id, or a new one with data. */
  private static final String ACCEPTED_IDS = PROBLEM_IDS
      + ", or any new id with data: (your own files)";
  private static final String OPTIMIZER_IDS = "sgd, nesterovs, adagrad, rmsprop, adadelta, adam,"
      + " nadam, adamax, amsgrad, sgdm, adamw, lion";
  private static final String TOP_KEYS = "[dataDir, defaults, defaultsArm, description, download,"
      + " name, optimizers, plugins, problems, protocol, report, resultsDir, seeds, threads,"
      + " tuning]";
  private static final String RECIPE_KEYS = "; recipe keys: schedule, weightDecay, l2,"
      + " decayBiases, clipGlobalNorm, gradientNormalization";
  private static final String NAME_RULE = "is not accepted; use 1-64 characters a-z, 0-9, '-' or"
      + " '_', starting with a letter or digit (it names the results folder)";
  private static final String GRID_RULE = "is not accepted; expected a number, a list of numbers"
      + " or {logRange: [low, high], points: n}";
  private static final String LOG_RANGE_RULE = "is not accepted; expected [low, high] with"
      + " 0 < low < high, e.g. logRange: [1e-4, 1e-1]";

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        // --- problems and optimizers by name
        row("unknown problem id", """
            name: t
            problems: [{id: ravine2d, optimizers: [{name: sgd}]}]
            """,
            "problems[0].id: 'ravine2d' is not a problem; did you mean 'ravine-2d'?; accepted: "
                + ACCEPTED_IDS),
        row("unknown problem id, nothing close", """
            name: t
            problems: [{id: imagenet, optimizers: [{name: sgd}]}]
            """,
            "problems[0].id: 'imagenet' is not a problem; accepted: " + ACCEPTED_IDS),
        row("unknown optimizer", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: adm}]}]
            """,
            "problems[0].optimizers[0].name: 'adm' is not an optimizer; did you mean 'adam'?;"
                + " accepted: " + OPTIMIZER_IDS),
        row("a plugin's name without the plugin path", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: powersign}]}]
            """,
            "problems[0].optimizers[0].name: 'powersign' is not an optimizer; accepted: "
                + OPTIMIZER_IDS + "; an optimizer from a plugin jar needs the jar on the plugin"
                + " path (--plugins DIR_OR_JAR, or plugins: in the config)"),
        row("optimizer without a name", """
            name: t
            optimizers: [{learningRate: 0.1}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].name: is missing; accepted: " + OPTIMIZER_IDS
                + " (or class: with an updater class name)"),

        // --- keys
        row("misspelt top-level key", """
            name: t
            seed: [0]
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seed: unknown key; did you mean 'seeds'?; accepted: " + TOP_KEYS),
        row("misspelt protocol key on a problem", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, epoch: 3}]
            """,
            "problems[0].epoch: unknown key; did you mean 'epochs'?; accepted: [batchSize,"
                + " data, divergenceFactor, epochs, evalEvery, id, lossEvery, network,"
                + " optimizers, params, shuffleBuffer, steps, stop, target]"),
        row("a time limit of zero seconds", """
            name: t
            problems: [{id: ravine-2d, stop: {seconds: 0}, optimizers: [{name: sgd}]}]
            """,
            "problems[0].stop.seconds: 0 is not accepted; expected a training time in seconds"
                + " > 0 (evaluation not counted)"),
        row("an unknown key under stop", """
            name: t
            defaults: {stop: {seconds: 60, steps: 100}}
            problems: [{id: ravine-2d, optimizers: [{name: sgd}]}]
            """,
            "defaults.stop.steps: unknown key; accepted: [seconds]"),
        row("a decaying schedule under a time limit alone", """
            name: t
            problems:
              - id: ravine-2d
                stop: {seconds: 60}
                optimizers: [{name: sgd, schedule: {type: warmup-cosine, warmupSteps: 10, finalFraction: 0.0}}]
            """,
            "problems[0].optimizers[0].schedule: warmup-cosine decays until the trial's last"
                + " step, but ravine-2d has only a training-time limit (stop: {seconds: ...}), so"
                + " that step is unknown; give steps: N or epochs: N beside it, or use a schedule"
                + " that needs no horizon (step, exponential, inverse, sigmoid, cycle, map,"
                + " warmup)"),
        row("a warm-up as long as the trial", """
            name: t
            problems:
              - id: ravine-2d
                steps: 40
                optimizers: [{name: sgd, schedule: {type: warmup-cosine, warmupSteps: [10, 40],
                  finalFraction: 0.0}}]
            """,
            "problems[0].optimizers[0].schedule.warmupSteps: 40 is not below the trial's 40 steps"
                + " (ravine-2d, 40 steps), so the cosine decay would never start; warm up for"
                + " fewer steps, train longer, or use type: warmup"),
        row("a report smoothing of 1", """
            name: t
            report: {smoothing: 1}
            problems: [{id: ravine-2d, optimizers: [{name: sgd}]}]
            """,
            "report.smoothing: 1 is not accepted; expected β in [0, 1) of the moving average over"
                + " mini-batch losses (0: none, 0.9: about ten losses, the default)"),
        row("stop without seconds", """
            name: t
            problems: [{id: ravine-2d, stop: {}, optimizers: [{name: sgd}]}]
            """,
            "problems[0].stop.seconds: is missing; give the training time limit, e.g."
                + " {seconds: 600}"),
        row("stop as a number", """
            name: t
            problems: [{id: ravine-2d, stop: 600, optimizers: [{name: sgd}]}]
            """,
            "problems[0].stop: 600 is not accepted; expected a mapping such as {seconds: 600}"),
        row("the same problem twice", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}, {id: saddle}, {id: ravine-2d, params: {kappa: 10}}]
            """,
            "problems[2].id: 'ravine-2d' is already problems[0]; an experiment runs each problem"
                + " once (results are grouped by problem id): put another variant in an experiment"
                + " of its own"),
        row("batch size on an analytic problem", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: rosenbrock, batchSize: 32}]
            """,
            "problems[0].batchSize: does not apply to rosenbrock, which takes the full analytic"
                + " gradient at every step; remove it"),
        row("shuffle buffer on an analytic problem", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: rosenbrock, shuffleBuffer: 100}]
            """,
            "problems[0].shuffleBuffer: does not apply to rosenbrock, which takes the full"
                + " analytic gradient at every step and has no examples to order; remove it"),
        row("empty shuffle buffer", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, shuffleBuffer: 0}]
            """,
            "problems[0].shuffleBuffer: 0 is not accepted; expected an integer >= 1 (examples in"
                + " the buffer) or none (a uniform permutation every epoch)"),
        row("shuffle buffer neither a number nor none", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, shuffleBuffer: uniform}]
            """,
            "problems[0].shuffleBuffer: 'uniform' is not accepted; expected an integer >= 1 (examples"
                + " in the buffer) or none (a uniform permutation every epoch)"),
        row("shuffle buffer 'off', which YAML reads as a boolean", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, shuffleBuffer: off}]
            """,
            "problems[0].shuffleBuffer: false (YAML reads true/false, on/off and yes/no as a"
                + " boolean) is not accepted; expected an integer >= 1 (examples in the buffer)"
                + " or none (a uniform permutation every epoch)"),
        row("fractional shuffle buffer in the defaults", """
            name: t
            defaults: {shuffleBuffer: 2.5}
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression}]
            """,
            "defaults.shuffleBuffer: 2.5 is not accepted; expected an integer >= 1 (examples in"
                + " the buffer) or none (a uniform permutation every epoch)"),
        row("bad shuffle buffer in the defaults of 2-D problems only", """
            name: t
            defaults: {steps: 10, shuffleBuffer: -5}
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}, {id: saddle}]
            """,
            "defaults.shuffleBuffer: -5 is not accepted; expected an integer >= 1 (examples in"
                + " the buffer) or none (a uniform permutation every epoch)"),
        row("unknown protocol", """
            name: t
            protocol: tune
            optimizers: [{name: sgd}]
            problems: [{id: saddle}]
            """,
            "protocol: 'tune' is not accepted; expected grid or tune-then-evaluate"),
        row("tuning settings under the grid protocol", """
            name: t
            tuning: {search: random}
            optimizers: [{name: sgd}]
            problems: [{id: saddle}]
            """,
            "tuning: applies only to protocol: tune-then-evaluate"),
        row("random-search interval under the grid protocol", """
            name: t
            optimizers: [{name: sgd, learningRate: {logUniform: [1.0e-4, 1.0e-1]}}]
            problems: [{id: saddle}]
            """,
            "optimizers[0].learningRate: is a random-search interval; use protocol:"
                + " tune-then-evaluate with tuning: {search: random}, or give a list of values"),
        row("unknown search", """
            name: t
            protocol: tune-then-evaluate
            tuning: {search: bayesian}
            optimizers: [{name: sgd}]
            problems: [{id: saddle}]
            """,
            "tuning.search: 'bayesian' is not accepted; expected grid or random"),
        row("tuning grids of different sizes", """
            name: t
            protocol: tune-then-evaluate
            tuning: {search: grid}
            problems:
              - id: saddle
                optimizers:
                  - {name: sgd, learningRate: [0.01, 0.1]}
                  - {name: adam, learningRate: [0.001, 0.01, 0.1]}
            """,
            "problems[0].optimizers: tuning grids differ in size (sgd 2, adam 3); a fair"
                + " comparison gives every optimizer the same budget: use grids of one size or"
                + " search: random"),
        row("log-uniform interval reaching zero", """
            name: t
            protocol: tune-then-evaluate
            optimizers: [{name: sgd, learningRate: {logUniform: [0, 0.1]}}]
            problems: [{id: saddle}]
            """,
            "optimizers[0].learningRate.logUniform: a list [0,0.1] is not accepted; expected"
                + " [low, high] with 0 < low < high"),
        row("uniform momentum interval reaching one", """
            name: t
            protocol: tune-then-evaluate
            optimizers: [{name: nesterovs, momentum: {uniform: [0.5, 1.0]}}]
            problems: [{id: saddle}]
            """,
            "optimizers[0].momentum: 1 is not accepted; momentum must be in [0, 1)"),
        row("target metric the problem does not record", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, target: {metric: test_acuracy, value: 0.9}}]
            """,
            "problems[0].target.metric: 'test_acuracy' is not a metric of ravine-2d; accepted:"
                + " loss, distance_to_optimum, suboptimality"),
        row("an accuracy target above 1", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-mlp, target: {metric: test_accuracy, value: 1.5}}]
            """,
            "problems[0].target.value: 1.5 can never be reached: test_accuracy is a fraction in"
                + " [0, 1], so it can never be >= 1.5"),
        row("a negative suboptimality target", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, target: {metric: suboptimality, value: -0.001}}]
            """,
            "problems[0].target.value: -0.001 can never be reached: suboptimality is never"
                + " negative, so it can never be <= -0.001"),
        row("misspelt target metric", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-mlp, target: {metric: test_acuracy, value: 0.9}}]
            """,
            "problems[0].target.metric: 'test_acuracy' is not a metric of mnist-mlp; did you"
                + " mean 'test_accuracy'?; accepted: train_loss, train_accuracy, validation_loss,"
                + " validation_accuracy, test_loss, test_accuracy"),
        row("target without a value", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-mlp, target: {metric: test_accuracy}}]
            """,
            "problems[0].target.value: is missing; expected a finite number"),
        row("target goal other than max or min", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-mlp, target: {metric: test_loss, value: 0.1, goal: lower}}]
            """,
            "problems[0].target.goal: 'lower' is not accepted; expected max or min"),
        row("misspelt protocol key under defaults", """
            name: t
            defaults: {epoch: 3}
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression}]
            """,
            "defaults.epoch: unknown key; did you mean 'epochs'?; accepted: [batchSize,"
                + " divergenceFactor, epochs, evalEvery, lossEvery, shuffleBuffer, steps, stop]"),
        row("repeated key", """
            name: t
            name: u
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "is not valid YAML at line 2, column 5: Duplicate field 'name'"),

        // --- hyperparameters
        row("hyperparameter of another optimizer", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: adam, momentum: 0.9}]}]
            """,
            "problems[0].optimizers[0].momentum: unknown key: not a hyperparameter of adam;"
                + " accepted: name, learningRate, beta1, beta2, epsilon"
                + RECIPE_KEYS),
        row("a stray key in an optimizer entry", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: adam, type: adam}]}]
            """,
            "problems[0].optimizers[0].type: unknown key: not a hyperparameter of adam;"
                + " accepted: name, learningRate, beta1, beta2, epsilon"
                + RECIPE_KEYS),
        row("a misspelt hyperparameter", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: adam, learningrate: 0.1}]}]
            """,
            "problems[0].optimizers[0].learningrate: unknown key: not a hyperparameter of adam;"
                + " did you mean 'learningRate'?; accepted: name, learningRate, beta1, beta2,"
                + " epsilon"
                + RECIPE_KEYS),
        row("learning rate on adadelta", """
            name: t
            optimizers: [{name: adadelta, learningRate: 0.1}]
            problems: [{id: saddle}]
            """,
            "optimizers[0].learningRate: unknown key: not a hyperparameter of adadelta;"
                + " accepted: name, rho, epsilon"
                + RECIPE_KEYS),
        row("text learning rate", """
            name: t
            optimizers: [{name: sgd, learningRate: fast}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: 'fast' " + GRID_RULE),
        row("negative learning rate", """
            name: t
            optimizers: [{name: sgd, learningRate: -0.1}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: -0.1 is not accepted; learningRate must be > 0 and"
                + " finite"),
        row("zero learning rate", """
            name: t
            optimizers: [{name: sgd, learningRate: 0}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: 0 is not accepted; learningRate must be > 0 and finite"),
        row("momentum 1", """
            name: t
            optimizers: [{name: nesterovs, momentum: 1.0}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].momentum: 1 is not accepted; momentum must be in [0, 1)"),
        row("beta1 1", """
            name: t
            optimizers: [{name: adam, beta1: 1.0}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].beta1: 1 is not accepted; beta1 must be in [0, 1)"),
        row("negative beta2", """
            name: t
            optimizers: [{name: adam, beta2: -0.1}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].beta2: -0.1 is not accepted; beta2 must be in [0, 1)"),
        row("zero epsilon", """
            name: t
            optimizers: [{name: adam, epsilon: 0}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].epsilon: 0 is not accepted; epsilon must be > 0 and finite"),

        // --- grids
        row("empty grid", """
            name: t
            optimizers: [{name: sgd, learningRate: []}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: is an empty list; give at least one value"),
        row("value twice on a grid", """
            name: t
            optimizers: [{name: sgd, learningRate: [0.1, 0.1]}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate[1]: 0.1 is listed twice"),
        row("logRange with low > high", """
            name: t
            optimizers: [{name: sgd, learningRate: {logRange: [1e-1, 1e-4], points: 3}}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate.logRange: a list [0.1,1.0E-4] " + LOG_RANGE_RULE),
        row("logRange with low = high", """
            name: t
            optimizers: [{name: sgd, learningRate: {logRange: [0.01, 0.01], points: 3}}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate.logRange: a list [0.01,0.01] " + LOG_RANGE_RULE),
        row("logRange with both points and perDecade", """
            name: t
            optimizers:
              - {name: sgd, learningRate: {logRange: [1e-4, 1e-1], points: 3, perDecade: 2}}
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: give exactly one of 'points' (total, >= 2) or"
                + " 'perDecade' (>= 1) with logRange"),
        row("logRange with one point", """
            name: t
            optimizers: [{name: sgd, learningRate: {logRange: [1e-3, 1e-1], points: 1}}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate.points: 1 is not accepted; expected an integer >= 2"),
        row("logRange too fine", """
            name: t
            optimizers: [{name: sgd, learningRate: {logRange: [1e-10, 1e10], perDecade: 100}}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[0].learningRate: 2001 grid points is not accepted; at most 1000"),

        // --- seeds
        row("fractional seed", """
            name: t
            seeds: [0, 1.5]
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seeds[1]: 1.5 is not accepted; seeds are integers, e.g. seeds: [0, 1, 2]"),
        row("text seed", """
            name: t
            seeds: [a]
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seeds[0]: 'a' is not accepted; seeds are integers, e.g. seeds: [0, 1, 2]"),
        row("duplicate seed", """
            name: t
            seeds: [3, 4, 3]
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seeds[2]: 3 is listed twice; each seed may appear once"),
        row("no seeds", """
            name: t
            seeds: []
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seeds: is empty; give at least one integer seed, e.g. seeds: [0, 1, 2]"),
        row("a single seed number, which could mean a count or a seed", """
            name: t
            seeds: 3
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "seeds: 3 is not accepted; seeds is the list of seeds to run: write seeds: [0, 1, 2]"
                + " for three seeds, or seeds: [3] for that seed alone"),

        // --- budget
        row("zero epochs", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, epochs: 0}]
            """,
            "problems[0].epochs: 0 is not accepted; expected an integer >= 1"),
        row("zero steps", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, steps: 0}]
            """,
            "problems[0].steps: 0 is not accepted; expected an integer >= 1"),
        row("steps beyond the largest integer", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, steps: 99999999999}]
            """,
            "problems[0].steps: 99999999999 is not accepted; the largest accepted is 2147483647"),
        row("loss recorded less often than once per trial", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, params: {samples: 100}, batchSize: [10, 50],
              epochs: 2, lossEvery: 5}]
            """,
            "problems[0].lossEvery: 5 is not accepted; it exceeds the 4 steps of a trial (batch"
                + " size 50), so the curve would hold only the loss at iteration 0: give at most"
                + " 4"),
        row("a setting listed in two entries", """
            name: t
            problems: [{id: ravine-2d, optimizers: [{name: sgd, learningRate: 0.1},
              {name: adam}, {name: sgd, learningRate: [0.2, 0.1]}]}]
            """,
            "problems[0].optimizers[2]: repeats the setting sgd {learningRate=0.1} of"
                + " problems[0].optimizers[0]; each setting runs once per seed: remove the"
                + " repeat"),
        row("a default setting listed twice", """
            name: t
            optimizers: [{name: adam}, {name: adam, learningRate: 0.001}]
            problems: [{id: ravine-2d}]
            """,
            "optimizers[1]: repeats the setting adam {learningRate=0.001, beta1=0.9, beta2=0.999,"
                + " epsilon=1.0E-8} of optimizers[0]; each setting runs once per seed: remove the"
                + " repeat"),
        row("several YAML documents", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            ---
            name: u
            """,
            "holds more than one YAML document (another starts after '---', at line 5); an"
                + " experiment is one document: put each experiment in a file of its own"),
        row("a learning rate of .nan", """
            name: t
            optimizers: [{name: sgd, learningRate: .nan}]
            problems: [{id: ravine-2d}]
            """,
            "is not valid YAML at line 2, column 40: Malformed numeric value '.nan'; every number"
                + " in a config must be finite (.nan and .inf are not accepted), e.g."
                + " learningRate: 0.001"),
        row("both epochs and steps", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, epochs: 2, steps: 10}]
            """,
            "problems[0].steps: give either 'epochs' or 'steps', not both"),
        row("epochs on an analytic problem", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: rosenbrock, epochs: 2}]
            """,
            "problems[0].epochs: analytic problems take full-gradient steps and have no epochs;"
                + " use steps"),

        // --- batch size
        row("batch size 0", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, batchSize: 0}]
            """,
            "problems[0].batchSize: 0 is not accepted; expected an integer >= 1 or 'full'"),
        row("batch size above the regression samples", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, params: {samples: 100}, batchSize: 200}]
            """,
            "problems[0].batchSize: 200 is larger than the 100 training examples of"
                + " ravine-regression; use at most 100 or 'full'"),
        row("batch size above the image training examples", """
            name: t
            optimizers: [{name: sgd}]
            problems:
              - id: mnist-logreg
                params: {trainExamples: 1000, evalExamples: 500}
                batchSize: 5000
            """,
            "problems[0].batchSize: 5000 is larger than the 1000 training examples of"
                + " mnist-logreg; use at most 1000 or 'full'"),
        row("batch size under defaults too large for one problem", """
            name: t
            defaults: {batchSize: 2000}
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression}]
            """,
            "defaults.batchSize: 2000 is larger than the 1000 training examples of"
                + " ravine-regression; use at most 1000 or 'full'"),
        row("batch size text other than full", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, batchSize: [32, half]}]
            """,
            "problems[0].batchSize[1]: 'half' is not accepted; expected an integer >= 1 or"
                + " 'full'"),

        // --- protocol
        row("evalEvery 0", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, evalEvery: 0}]
            """,
            "problems[0].evalEvery: 0 is not accepted; expected 'epoch' or a number of steps"
                + " >= 1"),
        row("evalEvery misspelt", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, evalEvery: epochs}]
            """,
            "problems[0].evalEvery: 'epochs' is not accepted; expected 'epoch' or a number of"
                + " steps >= 1"),
        row("divergenceFactor 1", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-regression, divergenceFactor: 1}]
            """,
            "problems[0].divergenceFactor: 1 is not accepted; expected a number > 1"),
        row("threads 0", """
            name: t
            threads: 0
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "threads: 0 is not accepted; expected an integer >= 1"),
        row("download not a boolean", """
            name: t
            download: sometimes
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "download: 'sometimes' is not accepted; expected true or false"),

        // --- file shape
        row("empty file", "",
            "is empty; an experiment needs at least 'name' and 'problems'"
                + " (see configs/quickstart.yaml)"),
        row("only a comment", "# nothing yet\n",
            "is empty; an experiment needs at least 'name' and 'problems'"
                + " (see configs/quickstart.yaml)"),
        row("a list, not a mapping", """
            - name: t
            - problems: []
            """,
            "must be a YAML mapping with keys " + TOP_KEYS + ", found a list"),
        row("unclosed flow mapping", """
            name: t
            problems: [{id: ravine-2d
            optimizers: [{name: sgd}]
            """,
            "is not valid YAML at line 3, column 11: expected ',' or '}', but got : (while"
                + " parsing a flow mapping started at line 2, column 12)"),
        row("tab indentation", "name: t\noptimizers: [{name: sgd}]\nproblems:\n\t- {id: saddle}\n",
            "is not valid YAML at line 4, column 1: found character '\\t(TAB)' that cannot start"
                + " any token. (Do not use \\t(TAB) for indentation)"),

        // --- name
        row("missing name", """
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "name: is missing; give the experiment a kebab-case name such as 'quickstart'"
                + " (it names the results folder)"),
        row("name escaping the results folder", """
            name: ../evil
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "name: '../evil' " + NAME_RULE),
        row("name with a space and capitals", """
            name: Quick Start
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "name: 'Quick Start' " + NAME_RULE),
        row("name that YAML reads as a number", """
            name: 2024
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d}]
            """,
            "name: 2024 " + NAME_RULE),

        // --- problems
        row("missing problems", """
            name: t
            optimizers: [{name: sgd}]
            """,
            "problems: is missing; list at least one problem, e.g. problems: [{id: ravine-2d}];"
                + " accepted ids: [" + PROBLEM_IDS + "]"),
        row("empty problems list", """
            name: t
            optimizers: [{name: sgd}]
            problems: []
            """,
            "problems: must be a non-empty list of problems, found an empty list"),
        row("empty top-level optimizers list", """
            name: t
            optimizers: []
            problems: [{id: saddle}]
            """,
            "optimizers: must be a non-empty list such as [{name: sgd, learningRate: 0.1}],"
                + " found an empty list"),
        row("problem given as a number", """
            name: t
            optimizers: [{name: sgd}]
            problems: [12]
            """,
            "problems[0]: must be a problem id or a mapping such as {id: ravine-2d, steps: 300},"
                + " found the number 12"),
        row("a bare problem id that is not one", """
            name: t
            optimizers: [{name: sgd}]
            problems: [ravine2d]
            """,
            "problems[0].id: 'ravine2d' is not a problem; did you mean 'ravine-2d'?; accepted: "
                + ACCEPTED_IDS),
        row("problem without optimizers and no top-level list", """
            name: t
            problems: [{id: saddle}]
            """,
            "problems[0].optimizers: is missing, and there is no top-level 'optimizers' list;"
                + " list at least one, e.g. optimizers: [{name: sgd, learningRate: 0.1}]"),

        // --- problem parameters
        row("unknown problem parameter", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, params: {kapa: 10}}]
            """,
            "problems[0].params.kapa: is not a parameter of ravine-2d; did you mean 'kappa'?;"
                + " accepted: kappa, start"),
        row("problem parameter out of range", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, params: {kappa: 0.5}}]
            """,
            "problems[0].params.kappa: 0.5 is not accepted; expected a finite number >= 1"),
        row("start of the wrong length", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: ravine-2d, params: {start: [1, 2, 3]}}]
            """,
            "problems[0].params.start: a list [1,2,3] is not accepted; expected a list of 2"
                + " finite numbers"),
        row("more training examples than available", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-logreg, params: {trainExamples: 60000}}]
            """,
            "problems[0].params: trainExamples 60000 exceeds the 50000 examples left after"
                + " holding out validationExamples 10000"),
        row("evalExamples above trainExamples", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-logreg, params: {trainExamples: 1000, evalExamples: 2000}}]
            """,
            "problems[0].params: evalExamples 2000 exceeds trainExamples 1000"),
        row("evalExamples above trainExamples", """
            name: t
            optimizers: [{name: sgd}]
            problems: [{id: mnist-logreg, params: {trainExamples: 1000, evalExamples: 2000}}]
            """,
            "problems[0].params: evalExamples 2000 exceeds trainExamples 1000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void reportsTheExactMessage(String label, String yaml, String expected) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(FILE, yaml));
    assertEquals(expected, e.getMessage());
    assertEquals(FILE, e.file());
    assertEquals(1, e.errors().size(), () -> "errors: " + e.errors());
  }

  @Test
  void reportsEveryErrorOfAFileTogetherInFileOrder() {
    String yaml = """
        name: t
        seed: [0]
        seeds: [0, 0]
        optimizers: [{name: sgd, learningRate: -1}, {name: adm}]
        problems:
          - {id: ravine-2d, steps: 0}
          - {id: rosenbrok}
          - {id: ravine-regression, batchSize: 0, divergenceFactor: 0.5}
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, yaml));
    assertEquals(List.of("seed", "seeds[1]", "optimizers[0].learningRate", "optimizers[1].name",
        "problems[0].steps", "problems[1].id", "problems[2].batchSize",
        "problems[2].divergenceFactor"), e.errors().stream().map(ConfigError::path).toList());
    assertEquals("""
        bad.yaml: 8 errors:
          seed: unknown key; did you mean 'seeds'?; accepted: %s
          seeds[1]: 0 is listed twice; each seed may appear once
          optimizers[0].learningRate: -1 is not accepted; learningRate must be > 0 and finite
          optimizers[1].name: 'adm' is not an optimizer; did you mean 'adam'?; accepted: %s
          problems[0].steps: 0 is not accepted; expected an integer >= 1
          problems[1].id: 'rosenbrok' is not a problem; did you mean 'rosenbrock'?; accepted: %s
          problems[2].batchSize: 0 is not accepted; expected an integer >= 1 or 'full'
          problems[2].divergenceFactor: 0.5 is not accepted; expected a number > 1"""
        .formatted(TOP_KEYS, OPTIMIZER_IDS, ACCEPTED_IDS), e.getMessage());
  }

  /** A bad value under {@code defaults} is checked for each problem but must be listed once. */
  @Test
  void reportsABadDefaultOnceHoweverManyProblemsUseIt() {
    String yaml = """
        name: t
        defaults: {batchSize: 0, epochs: 1, steps: 3, lossEvery: 0}
        optimizers: [{name: sgd}]
        problems: [{id: ravine-regression}, {id: mnist-logreg}, {id: saddle}]
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, yaml));
    assertEquals("""
        bad.yaml: 3 errors:
          defaults.steps: give either 'epochs' or 'steps', not both
          defaults.batchSize: 0 is not accepted; expected an integer >= 1 or 'full'
          defaults.lossEvery: 0 is not accepted; expected an integer >= 1""", e.getMessage());
  }

  private static Arguments row(String label, String yaml, String error) {
    return Arguments.of(label, yaml, FILE + ": " + error);
  }
}
