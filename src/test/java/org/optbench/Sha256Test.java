package org.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.optbench.data.DataFile;
import org.optbench.data.DatasetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  @TempDir Path temp;

  @Test
  void knownVectors() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
  }

  @Test
  void fileHashEqualsByteHashAcrossBufferBoundaries() throws Exception {
    byte[] data = new byte[Sha256.BUFFER_BYTES * 2 + 12345];
    new Random(7).nextBytes(data);
    Path file = Files.write(temp.resolve("blob.bin"), data);
    assertEquals(Sha256.of(data), Sha256.of(file));
  }

  @Test
  void validatesHex() {
    assertTrue(Sha256.isValidHex("A".repeat(64)));
    assertTrue(Sha256.isValidHex(DatasetId.MNIST.sha256(DataFile.TRAIN_IMAGES)));
    assertFalse(Sha256.isValidHex("a".repeat(63)));
    assertFalse(Sha256.isValidHex("g".repeat(64)));
    assertFalse(Sha256.isValidHex(null));
  }
}
