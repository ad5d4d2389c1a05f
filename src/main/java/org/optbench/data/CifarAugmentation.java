package org.optbench.data;

import java.util.SplittableRandom;

/**
 * DeepOBS's CIFAR-10 input pipeline ({@code deepobs/tensorflow/datasets/cifar10.py}) in plain
 * Java, seeded so that a mini-batch's images depend only on the trial seed, the step and the
 * examples drawn: a run, its resumed continuation and a replay give the same bits.
 *
 * <p>Pixels are taken on DeepOBS's scale, the raw bytes 0..255 as floats (DeepOBS casts without
 * rescaling). Every image, training or not, ends with TensorFlow's
 * {@code per_image_standardization}: (x − mean) / max(stddev, 1/√3072) over the image's 3,072
 * values ({@link #standardize}). Training images are first augmented ({@link #augment}), as
 * DeepOBS does with its default {@code data_augmentation=True}, in its order:
 *
 * <ol>
 *   <li>pad to 36×36 with zeros (2 pixels each side) and crop a random 32×32 window (offsets
 *       0..4 each way, uniform);
 *   <li>flip left-right with probability ½;
 *   <li>brightness: add δ ~ U[−63/255, 63/255) to every value (on the 0..255 scale, as DeepOBS
 *       applies it, so the shift is tiny; kept for fidelity);
 *   <li>saturation: scale HSV saturation by f ~ U[0.5, 1.5), clipped to [0, 1];
 *   <li>contrast: per channel, x ← (x − mean)·c + mean with c ~ U[0.2, 1.8).
 * </ol>
 *
 * <p>The draws per image are, in this order: the two crop offsets, the flip, δ, f, c. Each
 * mini-batch has its own generator, {@code SplittableRandom(batchSeed(seed, step))}, drawn image
 * after image in the batch's order. Arithmetic is in double, stored as float32.
 */
public final class CifarAugmentation {
  /** Values per image: 3 channels of 32×32. */
  public static final int VALUES = CifarReader.CHANNELS * CifarReader.SIDE * CifarReader.SIDE;

  private static final int SIDE = CifarReader.SIDE;
  private static final int PLANE = SIDE * SIDE;
  private static final int PAD = 2;
  private static final double MAX_BRIGHTNESS = 63.0 / 255.0;

  private CifarAugmentation() {}

  /**
   * The generator seed of one mini-batch: a 64-bit mix (MurmurHash3's finaliser) of the trial
   * seed and the step, so that neighbouring steps' generators are unrelated.
   *
   * @param seed the trial seed
   * @param step the optimizer step the batch is for (0-based)
   * @return the batch's generator seed
   */
  public static long batchSeed(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /**
   * Images without augmentation, standardised: DeepOBS's test (and here also validation and
   * train-evaluation) pipeline.
   *
   * @param set the images (32×32×3)
   * @param from first image (inclusive)
   * @param to last image (exclusive)
   * @return {@code (to − from) × 3072} values, image after image, channel-major
   * @throws IllegalArgumentException if the set is not 32×32×3
   */
  public static float[] standardized(ImageSet set, int from, int to) {
    checkShape(set);
    float[] out = new float[(to - from) * VALUES];
    double[] image = new double[VALUES];
    for (int i = from; i < to; i++) {
      int at = i * VALUES;
      for (int k = 0; k < VALUES; k++) {
        image[k] = set.pixels()[at + k] & 0xFF;
      }
      standardize(image);
      for (int k = 0; k < VALUES; k++) {
        out[(i - from) * VALUES + k] = (float) image[k];
      }
    }
    return out;
  }

  /**
   * One training mini-batch, augmented and standardised.
   *
   * @param set the training images (32×32×3)
   * @param rows the batch's image indices into {@code set}, in batch order
   * @param seed the trial seed
   * @param step the optimizer step the batch is for
   * @return {@code rows.length × 3072} values, image after image, channel-major
   * @throws IllegalArgumentException if the set is not 32×32×3
   */
  public static float[] batch(ImageSet set, int[] rows, long seed, long step) {
    checkShape(set);
    SplittableRandom random = new SplittableRandom(batchSeed(seed, step));
    float[] out = new float[rows.length * VALUES];
    double[] image = new double[VALUES];
    for (int b = 0; b < rows.length; b++) {
      augment(set.pixels(), rows[b] * VALUES, image, random);
      standardize(image);
      for (int k = 0; k < VALUES; k++) {
        out[b * VALUES + k] = (float) image[k];
      }
    }
    return out;
  }

  /**
   * Augments one image (see the class documentation), drawing six numbers from {@code random}.
   *
   * @param pixels raw images, channel-major 32×32×3 each
   * @param at index of the image's first byte
   * @param out receives the 3,072 augmented values, on the 0..255 scale (not standardised)
   * @param random the batch's generator
   */
  static void augment(byte[] pixels, int at, double[] out, SplittableRandom random) {
    int dy = random.nextInt(2 * PAD + 1) - PAD;
    int dx = random.nextInt(2 * PAD + 1) - PAD;
    boolean flip = random.nextBoolean();
    double brightness = MAX_BRIGHTNESS * (2 * random.nextDouble() - 1);
    double saturation = 0.5 + random.nextDouble();
    double contrast = 0.2 + 1.6 * random.nextDouble();
    for (int c = 0; c < CifarReader.CHANNELS; c++) {
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          // Output (y, x) shows the padded image's (y + 2 + dy, x' + 2 + dx), x' flipped or not.
          int sy = y + dy;
          int sx = (flip ? SIDE - 1 - x : x) + dx;
          double v = sy < 0 || sy >= SIDE || sx < 0 || sx >= SIDE
              ? 0 : pixels[at + c * PLANE + sy * SIDE + sx] & 0xFF;
          out[c * PLANE + y * SIDE + x] = v + brightness;
        }
      }
    }
    saturate(out, saturation);
    for (int c = 0; c < CifarReader.CHANNELS; c++) {
      double mean = 0;
      for (int k = 0; k < PLANE; k++) {
        mean += out[c * PLANE + k];
      }
      mean /= PLANE;
      for (int k = 0; k < PLANE; k++) {
        out[c * PLANE + k] = (out[c * PLANE + k] - mean) * contrast + mean;
      }
    }
  }

  /**
   * TensorFlow's {@code adjust_saturation}: per pixel, RGB to HSV, S ← min(1, max(0, S·f)), back
   * to RGB. Scale-free, so it works on the 0..255 scale as DeepOBS applies it.
   */
  static void saturate(double[] image, double factor) {
    for (int k = 0; k < PLANE; k++) {
      double r = image[k];
      double g = image[PLANE + k];
      double b = image[2 * PLANE + k];
      double max = Math.max(r, Math.max(g, b));
      double min = Math.min(r, Math.min(g, b));
      double range = max - min;
      if (max <= 0 || range <= 0) {
        continue; // grey (S = 0) or black: saturation changes nothing
      }
      double s = Math.min(1, Math.max(0, range / max * factor));
      double h;
      if (max == r) {
        h = (g - b) / range;
      } else if (max == g) {
        h = 2 + (b - r) / range;
      } else {
        h = 4 + (r - g) / range;
      }
      h = (h / 6 + 1) % 1;
      double[] rgb = hsvToRgb(h, s, max);
      image[k] = rgb[0];
      image[PLANE + k] = rgb[1];
      image[2 * PLANE + k] = rgb[2];
    }
  }

  private static double[] hsvToRgb(double h, double s, double v) {
    double sector = h * 6;
    int i = (int) Math.floor(sector) % 6;
    double f = sector - Math.floor(sector);
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    return switch (i) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
  }

  /**
   * TensorFlow's {@code per_image_standardization}, in place: subtract the mean of all values,
   * divide by max(population standard deviation, 1/√n).
   *
   * @param image one image's values
   */
  public static void standardize(double[] image) {
    double mean = 0;
    for (double v : image) {
      mean += v;
    }
    mean /= image.length;
    double squares = 0;
    for (double v : image) {
      squares += (v - mean) * (v - mean);
    }
    double std = Math.max(Math.sqrt(squares / image.length), 1 / Math.sqrt(image.length));
    for (int k = 0; k < image.length; k++) {
      image[k] = (image[k] - mean) / std;
    }
  }

  private static void checkShape(ImageSet set) {
    if (set.rows() != SIDE || set.cols() != SIDE || set.channels() != CifarReader.CHANNELS) {
      throw new IllegalArgumentException("CIFAR-10's pipeline takes 32×32×3 images, not " + set);
    }
  }
}
