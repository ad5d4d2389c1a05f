package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.ResultStore;

class ConfigClashTest {
  @TempDir
  Path root;

  private static final String EARLIER = """
      name: mine
      plugins: [/home/me/powersign/target/powersign-1.0.jar]
      problems:
      - id: saddle
        optimizers:
        - {name: powersign, learningRate: 0.01}
      """;

  @Test
  void aPluginJarMovedElsewhereIsTheSameExperiment() throws IOException {
    Files.writeString(root.resolve(ResultStore.RESOLVED_CONFIG), EARLIER);
    assertEquals(Optional.empty(), ConfigClash.find(root, EARLIER.replace(
        "/home/me/powersign/target/powersign-1.0.jar", "/home/me/jars/powersign-copy.jar")));
  }

  @Test
  void anyOtherChangeIsStillAClash() throws IOException {
    Files.writeString(root.resolve(ResultStore.RESOLVED_CONFIG), EARLIER);
    assertEquals(List.of("problems[saddle].optimizers[powersign].learningRate: 0.01 -> 0.02"),
        ConfigClash.find(root, EARLIER.replace("0.01", "0.02")).orElseThrow().differences());
  }
}
