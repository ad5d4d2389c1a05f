package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;

/**
 * An empty, garbled or deleted {@code trials.csv} does not hide an experiment: the report rebuilds
 * the index from the trial folders, says so, and counts the same trials.
 */
class LostIndexTest {
  @TempDir
  Path dir;

  /** Each trial as id, arms and status: what the index decides about it. */
  private static TreeSet<String> trials(ExperimentData data) {
    TreeSet<String> out = new TreeSet<>();
    for (TrialRecord t : data.trials()) {
      out.add(t.trialId() + " " + t.arms() + " " + t.status() + " " + t.hyperparameters() + " "
          + t.batchSize() + " " + t.seed() + " " + t.path());
    }
    return out;
  }

  @Test
  void anEmptyIndexOfATunedStudyIsRebuiltWithItsArms() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    TreeSet<String> expected = trials(StoreReader.read(root));
    Files.writeString(root.resolve("trials.csv"), "");

    ExperimentData rebuilt = StoreReader.read(root);

    assertEquals(expected, trials(rebuilt));
    assertEquals("trials.csv is empty; the index was rebuilt from the " + countSpecs(root)
        + " trial folders (the next 'optbench run' of this experiment rewrites it)",
        rebuilt.warnings().get(0));
  }

  @Test
  void aGarbledOrDeletedIndexOfAGridIsRebuilt() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("grid"), "test").root();
    TreeSet<String> expected = trials(StoreReader.read(root));

    Files.writeString(root.resolve("trials.csv"), "\u0000\u0001garbage\nmore,garbage\n");
    ExperimentData garbled = StoreReader.read(root);
    assertEquals(expected, trials(garbled));
    assertEquals("trials.csv lacks the columns trial_id, problem, optimizer, hyperparameters,"
        + " batch_size, seed, status, path; the index was rebuilt from the " + countSpecs(root)
        + " trial folders (the next 'optbench run' of this experiment rewrites it)",
        garbled.warnings().get(0));

    Files.write(root.resolve("trials.csv"), new byte[] {'t', 'r', (byte) 0xe9, '\n'});
    ExperimentData latin1 = StoreReader.read(root);
    assertEquals(expected, trials(latin1));
    assertEquals("trials.csv cannot be read (it is not UTF-8 text); the index was rebuilt from"
        + " the " + countSpecs(root) + " trial folders (the next 'optbench run' of this"
        + " experiment rewrites it)", latin1.warnings().get(0));

    Files.delete(root.resolve("trials.csv"));
    assertEquals(expected, trials(StoreReader.read(root)));
  }

  @Test
  void aTunedStudyWhoseFoldersPredateArmsNamesTheFix() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("old"), false).root();
    Files.writeString(root.resolve("trials.csv"), "");
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      for (Path spec : files.filter(f -> f.endsWith("spec.json")).toList()) {
        Files.writeString(spec, Files.readString(spec).replaceAll("\"arms\" : \\[[^]]*],?", ""));
      }
    }
    UserInputException e = assertThrows(UserInputException.class, () -> StoreReader.read(root));
    assertEquals(root.resolve("trials.csv") + " is empty, and these trial folders predate the"
        + " record of their protocol arm, so it cannot be rebuilt from them: run the"
        + " experiment's config again with 'optbench run' (its finished trials are kept, not"
        + " retrained) to rewrite it", e.getMessage());
  }

  private static long countSpecs(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      return files.filter(f -> f.endsWith("spec.json")).count();
    }
  }
}
