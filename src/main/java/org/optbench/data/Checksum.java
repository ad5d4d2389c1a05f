package org.optbench.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A digest a downloaded or local file must have: the algorithm its source publishes and the value.
 * MNIST's and Fashion-MNIST's files are published with SHA-256, CIFAR-10's archive with MD5 only.
 *
 * @param algorithm the {@link MessageDigest} algorithm name, {@code SHA-256} or {@code MD5}
 * @param hex the expected digest, lower-case hex (64 digits for SHA-256, 32 for MD5)
 */
public record Checksum(String algorithm, String hex) {

  /**
   * Checks the algorithm and the digest's length and stores it in lower case.
   *
   * @param algorithm {@code SHA-256} or {@code MD5}
   * @param hex the expected digest in hex, either case
   * @throws IllegalArgumentException if the algorithm is another, or {@code hex} is not a digest
   *     of its length in hex digits
   */
  public Checksum {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    int digits = switch (algorithm) {
      case "SHA-256" -> 64;
      case "MD5" -> 32;
      default -> throw new IllegalArgumentException(
          "unsupported checksum algorithm " + algorithm + "; accepted: SHA-256, MD5");
    };
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != digits || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "expected " + algorithm + " is not " + digits + " hex digits: " + hex);
    }
  }

  /**
   * @param hex 64 hex digits
   * @return a SHA-256 checksum
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex);
  }

  /**
   * @param hex 32 hex digits
   * @return an MD5 checksum
   * @throws IllegalArgumentException if {@code hex} is not 32 hex digits
   */
  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex);
  }

  /** @return a new digest of this checksum's algorithm */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide both (java.security.MessageDigest's documentation).
      throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
    }
  }

  /**
   * @param digest a finished digest's bytes
   * @return whether they equal this checksum
   */
  public boolean matches(byte[] digest) {
    return HexFormat.of().formatHex(digest).equals(hex);
  }

  /** @return e.g. {@code MD5 c32a1d4ab5d03f1284b67883e8d87530}, for messages */
  @Override
  public String toString() {
    return algorithm + " " + hex;
  }
}
