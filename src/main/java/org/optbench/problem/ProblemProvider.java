package org.optbench.problem;

import java.util.List;

/**
 * Adds problems to the {@link ProblemCatalog} from outside optbench's own code. Implementations
 * are found with {@link java.util.ServiceLoader}: list the class's binary name in
 * {@code META-INF/services/org.optbench.problem.ProblemProvider} on the class path. The class
 * must be public with a public no-argument constructor.
 */
public interface ProblemProvider {
  /**
   * @return the problems to add, each with an id no other problem has
   */
  List<ProblemInfo> problems();
}
