package org.optbench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;
import org.optbench.config.ConfigLoader;
import org.optbench.experiment.TrialSpec;

class ResultStoreDamageTest {
  @TempDir
  Path dir;

  @Test
  void aDamagedResultFileNamesTheFileAndHowToRerunTheTrial() throws Exception {
    TrialSpec spec = ConfigLoader.parse(dir.resolve("damaged.yaml"), """
        name: damaged
        seeds: [0]
        problems:
          - id: saddle
            steps: 3
            optimizers: [{name: sgd}]
        """).trials().get(0);
    ResultStore store = new ResultStore(dir);
    Path result = store.trialDir(spec).resolve("result.json");
    Files.createDirectories(result.getParent());
    Files.writeString(result, "{\"trialId\": ");
    UserInputException e = assertThrows(UserInputException.class, () -> store.completed(spec));
    assertTrue(e.getMessage().startsWith("cannot read " + result + ": Unexpected end-of-input"),
        e.getMessage());
    assertFalse(e.getMessage().contains("[Source"), e.getMessage());
    assertTrue(e.getMessage().endsWith("this trial's result is damaged. Delete the folder "
        + store.trialDir(spec) + " to run the trial again (the other results are kept), or rerun"
        + " with --overwrite to run every trial again"), e.getMessage());
    assertEquals("{\"trialId\": ", Files.readString(result), "nothing is changed or deleted");
  }
}
