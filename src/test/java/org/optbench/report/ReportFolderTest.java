package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;
import org.optbench.testing.FileHashes;

/** The report folder is replaced whole, and only when it is a report. */
class ReportFolderTest {
  @TempDir
  Path dir;

  private Path earlierReport() {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Path out = root.resolve("report");
    ReportGenerator.generate(root, out);
    return out;
  }

  @Test
  void aFailureMidwayLeavesTheEarlierReportAsItWas() throws IOException {
    Path out = earlierReport();
    Map<String, String> before = FileHashes.of(out);
    ReportFolder folder = ReportFolder.check(out);
    Path staging = folder.stage();
    Files.writeString(staging.resolve("index.html"), "half a report");
    folder.abandon();
    assertEquals(before, FileHashes.of(out));
    assertFalse(Files.exists(staging));
  }

  @Test
  void theFolderOfAnInterruptedReportIsClearedByTheNext() throws IOException {
    Path out = earlierReport();
    Path staging = ReportFolder.check(out).stage();
    Files.writeString(staging.resolve("index.html"), "half a report");
    // Interrupted: neither committed nor abandoned.
    Map<String, String> before = FileHashes.of(out);
    ReportGenerator.generate(out.getParent(), out);
    assertEquals(before, FileHashes.of(out));
    assertFalse(Files.exists(staging));
  }

  @Test
  void aFolderOfThatNameThatIsNotAReportIsNotCleared() throws IOException {
    Path out = earlierReport();
    Path inTheWay = Files.createDirectories(out.resolveSibling(".report.partial"));
    Files.writeString(inTheWay.resolve("notes.txt"), "mine");
    UserInputException e = assertThrows(UserInputException.class,
        () -> ReportGenerator.generate(out.getParent(), out));
    assertEquals(inTheWay + " is in the way of the report and was not written by 'optbench"
        + " report'; move it away", e.getMessage());
    assertEquals("mine", Files.readString(inTheWay.resolve("notes.txt")));
  }

  @Test
  void aFileInPlaceOfTheFolderIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("report.html"), "x");
    UserInputException e = assertThrows(UserInputException.class,
        () -> ReportFolder.check(file));
    assertEquals("report folder " + file + " is a file; give --out a new or empty folder",
        e.getMessage());
    assertEquals("x", Files.readString(file));
  }
}
