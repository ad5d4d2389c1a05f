package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DeepOBS's CIFAR-10 pipeline in Java: standardisation, the augmentation, its seeding. */
class CifarAugmentationTest {
  private static ImageSet images(int count) {
    CifarReader.Splits splits = CifarReader.splits(CifarFixtures.batches(count), "");
    return splits.train();
  }

  @Test
  void standardisationGivesMeanZeroAndUnitDeviationWithTensorFlowsFloor() {
    double[] image = {0, 2, 4, 6};
    CifarAugmentation.standardize(image);
    // mean 3, population standard deviation √5
    double s = Math.sqrt(5);
    assertArrayEquals(new double[] {-3 / s, -1 / s, 1 / s, 3 / s}, image, 1e-15);

    // A flat image has deviation 0: TensorFlow divides by 1/√n instead, giving zeros.
    double[] flat = {7, 7, 7, 7};
    CifarAugmentation.standardize(flat);
    assertArrayEquals(new double[] {0, 0, 0, 0}, flat, 0.0);
  }

  @Test
  void evaluationImagesAreStandardisedWithoutAugmentation() {
    ImageSet set = images(2);
    float[] values = CifarAugmentation.standardized(set, 1, 3);
    assertEquals(2 * 3072, values.length);
    double[] expected = new double[3072];
    for (int k = 0; k < 3072; k++) {
      expected[k] = set.pixels()[2 * 3072 + k] & 0xFF;
    }
    CifarAugmentation.standardize(expected);
    for (int k = 0; k < 3072; k++) {
      assertEquals((float) expected[k], values[3072 + k], "value " + k + " of image 2");
    }
  }

  /**
   * A grey image (red = green = blue) keeps its saturation, so each output pixel is the shifted,
   * possibly mirrored source pixel plus the brightness, then the contrast around each channel's
   * mean: checked against the six numbers the generator gives, drawn again here.
   */
  @Test
  void cropFlipBrightnessAndContrastFollowTheDrawnNumbers() {
    SplittableRandom pixels = new SplittableRandom(3);
    byte[] grey = new byte[3072];
    for (int k = 0; k < 1024; k++) {
      byte v = (byte) (1 + pixels.nextInt(255));
      grey[k] = v;
      grey[1024 + k] = v;
      grey[2048 + k] = v;
    }
    for (long seed = 0; seed < 20; seed++) {
      SplittableRandom draws = new SplittableRandom(seed);
      int dy = draws.nextInt(5) - 2;
      int dx = draws.nextInt(5) - 2;
      boolean flip = draws.nextBoolean();
      double brightness = 63.0 / 255 * (2 * draws.nextDouble() - 1);
      draws.nextDouble(); // saturation: no effect on grey
      double contrast = 0.2 + 1.6 * draws.nextDouble();
      double[] expected = new double[1024];
      double mean = 0;
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          int sy = y + dy;
          int sx = (flip ? 31 - x : x) + dx;
          boolean inside = sy >= 0 && sy < 32 && sx >= 0 && sx < 32;
          expected[y * 32 + x] = (inside ? grey[sy * 32 + sx] & 0xFF : 0) + brightness;
          mean += expected[y * 32 + x] / 1024;
        }
      }
      double[] out = new double[3072];
      CifarAugmentation.augment(grey, 0, out, new SplittableRandom(seed));
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 1024; k++) {
          assertEquals((expected[k] - mean) * contrast + mean, out[c * 1024 + k], 1e-9,
              "seed " + seed + ", channel " + c + ", pixel " + k);
        }
      }
    }
  }

  @Test
  void saturationScalesTheHsvSaturationAndKeepsHueAndValue() {
    double[] image = new double[3072];
    // Pixel 0: (200, 100, 50): V = 200, S = 0.75, H = 20°. Halving S gives (200, 150, 125).
    image[0] = 200;
    image[1024] = 100;
    image[2048] = 50;
    // Pixel 1: (10, 40, 20): doubling S = 0.75 clips it to 1: (0, 40, 13.33…).
    image[1] = 10;
    image[1025] = 40;
    image[2049] = 20;
    double[] half = image.clone();
    CifarAugmentation.saturate(half, 0.5);
    assertEquals(200, half[0], 1e-9);
    assertEquals(150, half[1024], 1e-9);
    assertEquals(125, half[2048], 1e-9);
    double[] doubled = image.clone();
    CifarAugmentation.saturate(doubled, 2);
    assertEquals(0, doubled[1], 1e-9);
    assertEquals(40, doubled[1025], 1e-9);
    assertEquals(40.0 / 3, doubled[2049], 1e-9);
  }

  @Test
  void aBatchDependsOnTheSeedTheStepAndTheExamplesOnly() {
    ImageSet set = images(4);
    int[] rows = {7, 2, 19, 2};
    float[] a = CifarAugmentation.batch(set, rows, 5, 12);
    assertArrayEquals(a, CifarAugmentation.batch(set, rows, 5, 12), "repeatable");
    assertFalse(Arrays.equals(a, CifarAugmentation.batch(set, rows, 5, 13)), "another step");
    assertFalse(Arrays.equals(a, CifarAugmentation.batch(set, rows, 6, 12)), "another seed");
    // The same example twice in one batch gets two different augmentations.
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 3072, 6144),
        Arrays.copyOfRange(a, 3 * 3072, 4 * 3072)));
    // Each image is standardised after augmenting: mean 0, deviation 1.
    double mean = 0;
    double squares = 0;
    for (int k = 0; k < 3072; k++) {
      mean += a[k] / 3072.0;
      squares += (double) a[k] * a[k] / 3072.0;
    }
    assertEquals(0, mean, 1e-6);
    assertEquals(1, squares, 1e-5);
    assertNotEquals(CifarAugmentation.batchSeed(0, 1), CifarAugmentation.batchSeed(1, 0));
    assertNotEquals(CifarAugmentation.batchSeed(0, 0), CifarAugmentation.batchSeed(0, 1));
  }

  @Test
  void otherShapesAreRefused() {
    ImageSet mnist = new ImageSet(1, 28, 28, new byte[784], new byte[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CifarAugmentation.standardized(mnist, 0, 1));
    assertTrue(e.getMessage().contains("32×32×3"), e.getMessage());
  }
}
