package org.optbench.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.optbench.problem.ProblemSpec;

/**
 * The trainers of one runner, keyed by the problem class they train: the built-ins followed by
 * every {@link ProblemTrainer} that {@link ServiceLoader} finds on the class path.
 */
final class TrainerRegistry {
  private final Map<Class<? extends ProblemSpec>, ProblemTrainer> byType = new LinkedHashMap<>();

  /**
   * @param builtIns the runner's own trainers
   * @throws IllegalStateException if two trainers claim the same problem class (the message
   *     names both)
   */
  TrainerRegistry(List<ProblemTrainer> builtIns) {
    builtIns.forEach(this::add);
    ServiceLoader.load(ProblemTrainer.class).forEach(this::add);
  }

  private void add(ProblemTrainer trainer) {
    ProblemTrainer earlier = byType.putIfAbsent(trainer.problemType(), trainer);
    if (earlier != null) {
      throw new IllegalStateException("two trainers for problem type "
          + trainer.problemType().getName() + ": " + earlier.getClass().getName() + " and "
          + trainer.getClass().getName());
    }
  }

  /**
   * @param problem a problem
   * @return the trainer registered for its class
   * @throws IllegalStateException if none is, naming the problem, its class and every
   *     registered class
   */
  ProblemTrainer forProblem(ProblemSpec problem) {
    ProblemTrainer trainer = byType.get(problem.getClass());
    if (trainer == null) {
      throw new IllegalStateException("no trainer for problem '" + problem.id() + "' ("
          + problem.getClass().getName() + "); trainers are registered for "
          + byType.keySet().stream().map(Class::getName).toList() + ". Register one by listing"
          + " a " + ProblemTrainer.class.getName() + " in META-INF/services/"
          + ProblemTrainer.class.getName());
    }
    return trainer;
  }

  /** @return every trainer, built-ins first */
  Iterable<ProblemTrainer> all() {
    return byType.values();
  }
}
