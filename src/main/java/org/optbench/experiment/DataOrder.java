package org.optbench.experiment;

/**
 * How a trial orders its training examples each epoch: a uniform random permutation (the
 * default), or TensorFlow's streaming shuffle through a buffer of {@code buffer} examples
 * ({@code tf.data.Dataset.shuffle(buffer)}, reshuffled every epoch), which is how TensorFlow
 * baselines such as DeepOBS (Schneider, Balles and Hennig, "DeepOBS: A Deep Learning Optimizer
 * Benchmark Suite", ICLR 2019; a 20,000-example buffer for MNIST and Fashion-MNIST) order their
 * data.
 *
 * <p>A buffer of b examples fills with the first b examples in stored order; each draw takes one
 * of the buffered examples uniformly at random and puts the next stored example in its place
 * until the stored examples run out, then draws the rest of the buffer down. Example i can
 * therefore appear no earlier than position i − b + 1 of the epoch: the order is not a uniform
 * permutation when b is smaller than the training set, and the stored order shows through. With
 * b at least the training set's size every order is equally likely, as with the permutation, but
 * from other draws of the generator, so the two settings give different trials.
 *
 * @param buffer examples in the shuffle buffer (≥ 1), or 0 for a uniform permutation
 */
public record DataOrder(int buffer) {
  /** A uniform random permutation every epoch (Fisher–Yates); the default. */
  public static final DataOrder PERMUTATION = new DataOrder(0);

  /** @throws IllegalArgumentException if {@code buffer} is negative */
  public DataOrder {
    if (buffer < 0) {
      throw new IllegalArgumentException("shuffle buffer must be >= 1 examples (got " + buffer
          + ")");
    }
  }

  /** @return whether this is the default, a uniform permutation per epoch */
  public boolean isPermutation() {
    return buffer == 0;
  }
}
