package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's {@code gitCommit} names the optbench checkout the code was built in, found from
 * the code's folder, not from the working directory (a run started inside another repository
 * recorded that repository's commit).
 */
class EnvironmentFactsTest {
  @TempDir
  Path dir;

  @Test
  void theCommitIsTheCheckoutsThatHoldsTheCodeAndSaysWhenFilesChanged() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("optbench"));
    Path source = Files.createDirectories(checkout.resolve("src/main/java/org/optbench"));
    Files.writeString(source.resolve("A.java"), "class A {}\n");
    git(checkout, "init", "-q");
    git(checkout, "add", ".");
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
    String head = git(checkout, "rev-parse", "HEAD");
    Path target = Files.createDirectories(checkout.resolve("target"));

    assertEquals(head, EnvironmentFacts.gitCommit(target));
    Files.writeString(source.resolve("A.java"), "class A { int a; }\n");
    assertEquals(head + "+uncommitted-changes", EnvironmentFacts.gitCommit(target));
  }

  @Test
  void outsideAnOptbenchCheckoutTheCommitIsUnknown() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    assertEquals("unknown", EnvironmentFacts.gitCommit(plain));
    // Another project's repository: its commit is not optbench's.
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("README"), "x\n");
    git(other, "init", "-q");
    git(other, "add", ".");
    git(other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
    assertEquals("unknown", EnvironmentFacts.gitCommit(other));
    assertEquals("unknown", EnvironmentFacts.gitCommit(null));
  }

  /** @return git's output, trimmed; fails the test if git fails */
  private static String git(Path in, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", in.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git " + command);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
