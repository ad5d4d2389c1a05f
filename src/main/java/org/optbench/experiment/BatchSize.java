package org.optbench.experiment;

/**
 * Mini-batch size: a number of examples, or the whole training set ({@code full}, batch gradient
 * descent). Size 1 is pure stochastic gradient descent.
 *
 * @param examples examples per mini-batch, or 0 for {@code full}
 */
public record BatchSize(int examples) {
  /** The whole training set in one batch. */
  public static final BatchSize FULL = new BatchSize(0);

  /** @throws IllegalArgumentException if {@code examples} is negative */
  public BatchSize {
    if (examples < 0) {
      throw new IllegalArgumentException("batch size must be >= 1 or full (got " + examples + ")");
    }
  }

  /** @return whether this is full-batch gradient descent */
  public boolean isFull() {
    return examples == 0;
  }

  /**
   * @param trainExamples size of the training set
   * @return examples per mini-batch for that training set
   */
  public int resolve(int trainExamples) {
    return isFull() ? trainExamples : examples;
  }

  /** @return {@code full} or the number, as written in configs */
  @Override
  public String toString() {
    return isFull() ? "full" : Integer.toString(examples);
  }
}
