package org.optbench.testing;

import java.nio.file.Path;

/** A tiny classification data set on the user's files, and a config that trains on it. */
public final class SmallCsv {
  private SmallCsv() {}

  /** @return 40 rows of two features and a 0/1 label, under the header {@code x,y,label} */
  public static String rows() {
    StringBuilder rows = new StringBuilder("x,y,label\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i % 7 * 0.25).append(',').append(i % 5 - 2).append(',').append(i % 2)
          .append('\n');
    }
    return rows.toString();
  }

  /**
   * @param name the experiment's name
   * @param csv the file of {@link #rows()}
   * @param steps the budget
   * @param optimizer the one optimizer's name (learning rate 0.1)
   * @return a config of problem {@code rows}: logistic regression, batches of 8, seed 0
   */
  public static String config(String name, Path csv, int steps, String optimizer) {
    return """
        name: %s
        seeds: [0]
        problems:
          - id: rows
            data:
              train: {csv: %s, labelColumn: 2, skipLines: 1}
              classes: 2
            network: {builtin: logreg}
            batchSize: 8
            steps: %d
            optimizers:
              - {name: %s, learningRate: 0.1}
        """.formatted(name, csv, steps, optimizer);
  }
}
