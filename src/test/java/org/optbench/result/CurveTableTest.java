package org.optbench.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two readings of a curve file: strict for the finished-trial check, lenient for reports. */
class CurveTableTest {
  @TempDir
  Path dir;

  @Test
  void aWholeFileReadsTheSameBothWays() throws IOException {
    Path file = write("# units\niteration,loss,learning_rate\n0,2.5,NaN\n1,1.25,Infinity\n");
    CurveTable strict = CurveTable.readStrict(file).table();
    CurveTable lenient = CurveTable.readLenient(file);
    assertEquals(4, CurveTable.readStrict(file).lastLine());
    for (CurveTable t : List.of(strict, lenient)) {
      assertEquals(List.of("iteration", "loss", "learning_rate"), t.names());
      assertEquals(2, t.rows());
      assertArrayEquals(new double[] {2.5, 1.25}, t.column("loss"));
      assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY},
          t.column("learning_rate"));
      assertTrue(t.has("iteration"));
      assertFalse(t.has("epoch"));
      assertNull(t.column("epoch"));
    }
  }

  /** A crash mid-row: the lenient reading keeps the rows before it and NaN for what is lost. */
  @Test
  void theLenientReadingShowsACutFileAsFarAsItGoes() throws IOException {
    Path file = write("# units\niteration,loss,learning_rate\n0,2.5,0.1\n1,1.2");
    CurveTable t = CurveTable.readLenient(file);
    assertEquals(2, t.rows());
    assertArrayEquals(new double[] {0, 1}, t.column("iteration"));
    assertArrayEquals(new double[] {2.5, 1.2}, t.column("loss"));
    assertArrayEquals(new double[] {0.1, Double.NaN}, t.column("learning_rate"));
    TrialFolder.DamageException e = assertThrows(TrialFolder.DamageException.class,
        () -> CurveTable.readStrict(file));
    assertEquals(dir.getFileName() + "/curve.csv is cut off: its last line (line 4) has no line"
        + " end", e.getMessage());
  }

  @Test
  void theLenientReadingTurnsWordsAndBlanksIntoNaN() throws IOException {
    Path file = write("iteration,loss\n0,two\n1,\n\n2, 0.5 \n");
    CurveTable t = CurveTable.readLenient(file);
    assertArrayEquals(new double[] {0, 1, 2}, t.column("iteration"));
    assertArrayEquals(new double[] {Double.NaN, Double.NaN, 0.5}, t.column("loss"));
    TrialFolder.DamageException e = assertThrows(TrialFolder.DamageException.class,
        () -> CurveTable.readStrict(file));
    assertEquals(dir.getFileName() + "/curve.csv line 2: 'two' in column loss is not a number",
        e.getMessage());
  }

  @Test
  void columnsMustMatchTheirNames() {
    assertThrows(IllegalArgumentException.class,
        () -> new CurveTable(List.of("iteration", "loss"), new double[][] {{0, 1}}));
    assertThrows(IllegalArgumentException.class,
        () -> new CurveTable(List.of("iteration", "loss"), new double[][] {{0, 1}, {2}}));
    assertEquals(0, new CurveTable(List.of(), new double[0][]).rows());
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("curve.csv");
    Files.writeString(file, text);
    return file;
  }
}
