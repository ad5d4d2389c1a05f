package org.optbench.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code nd4j-native} 1.0.0-M2.1 build, named by its Maven classifier, e.g.
 * {@code linux-x86_64-onednn-avx2}: {@code <os>-<arch>} (JavaCPP's platform name), then
 * {@code -onednn} when oneDNN is linked in, then the instruction-set level the whole library
 * was compiled for ({@code -avx2}, {@code -avx512}), which the CPU must have.
 *
 * @param os JavaCPP's operating-system name: {@code linux}, {@code macosx} or {@code windows}
 * @param arch JavaCPP's architecture name: {@code x86_64}, {@code arm64} or {@code armhf}
 * @param oneDnn whether oneDNN is linked in (fast convolutions, matrix products)
 * @param isa the instruction-set suffix the library needs, {@code ""}, {@code "avx2"} or
 *     {@code "avx512"}
 */
public record NativesBuild(String os, String arch, boolean oneDnn, String isa) {

  /**
   * The builds Maven Central serves for {@code nd4j-native} 1.0.0-M2.1 on desktop and server
   * platforms, each seen to resolve (HTTP 200) when this list was written. There is no
   * {@code linux-ppc64le} nor {@code linux-arm64-onednn} build of this version.
   */
  public static final List<String> ON_MAVEN_CENTRAL = List.of(
      "linux-x86_64", "linux-x86_64-avx2", "linux-x86_64-avx512",
      "linux-x86_64-onednn", "linux-x86_64-onednn-avx2", "linux-x86_64-onednn-avx512",
      "linux-arm64", "linux-armhf",
      "macosx-x86_64", "macosx-x86_64-avx2", "macosx-x86_64-onednn", "macosx-arm64",
      "windows-x86_64", "windows-x86_64-avx2", "windows-x86_64-onednn",
      "windows-x86_64-onednn-avx2");

  private static final Pattern CLASSIFIER = Pattern.compile(
      "(linux|macosx|windows)-(x86_64|arm64|armhf)(-onednn)?(?:-(avx2|avx512))?");

  /** The Linux CPU flags each instruction-set suffix needs (those libnd4j is compiled with). */
  private static final Set<String> AVX2_FLAGS = Set.of("avx2", "fma");
  private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw",
      "avx512dq", "avx512vl");

  /**
   * @param classifier a Maven classifier such as {@code linux-x86_64-onednn-avx2}
   * @return the build it names, if it has the form of one
   */
  public static Optional<NativesBuild> parse(String classifier) {
    Matcher m = CLASSIFIER.matcher(classifier);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new NativesBuild(m.group(1), m.group(2), m.group(3) != null,
        m.group(4) == null ? "" : m.group(4)));
  }

  /**
   * The build to use on a machine: oneDNN where a build with it exists (its convolutions are
   * several times faster on one thread), at the highest instruction-set level that this
   * version ships with oneDNN and the CPU has (AVX2; oneDNN picks AVX-512 kernels itself at run
   * time, so {@code -onednn-avx512} gains nothing measurable and loads on fewer CPUs).
   *
   * @param osName the JVM's {@code os.name}, e.g. {@code Linux}, {@code Mac OS X},
   *     {@code Windows 11}
   * @param osArch the JVM's {@code os.arch}, e.g. {@code amd64}, {@code x86_64},
   *     {@code aarch64}, {@code arm}
   * @param cpuFlags the CPU's flags in Linux's lower-case spelling ({@code avx2}, ...), or empty
   *     if they are unknown, in which case the AVX2 build is assumed (every x86-64 CPU sold since
   *     2015 has AVX2)
   * @return the build
   * @throws IllegalArgumentException naming the platform when this version has no build for it
   */
  public static NativesBuild forMachine(String osName, String osArch,
      Optional<Set<String>> cpuFlags) {
    String os = javacppOs(osName);
    String arch = javacppArch(osArch);
    String platform = os + "-" + arch;
    boolean avx2 = cpuFlags.map(f -> f.containsAll(AVX2_FLAGS)).orElse(true);
    String classifier = switch (platform) {
      case "linux-x86_64", "windows-x86_64" -> platform + (avx2 ? "-onednn-avx2" : "-onednn");
      case "macosx-x86_64" -> platform + "-onednn";
      case "linux-arm64", "linux-armhf", "macosx-arm64" -> platform;
      default -> throw new IllegalArgumentException("nd4j-native 1.0.0-M2.1 has no build for "
          + osName + " on " + osArch + " (JavaCPP platform " + platform + "); builds exist for "
          + String.join(", ", ON_MAVEN_CENTRAL));
    };
    return parse(classifier).orElseThrow();
  }

  /** @return the Maven classifier, e.g. {@code linux-x86_64-onednn-avx2} */
  public String classifier() {
    return os + "-" + arch + (oneDnn ? "-onednn" : "") + (isa.isEmpty() ? "" : "-" + isa);
  }

  /** @return the CPU flags (Linux spelling) this build's library is compiled to use */
  public Set<String> requiredFlags() {
    return switch (isa) {
      case "avx2" -> AVX2_FLAGS;
      case "avx512" -> AVX512_FLAGS;
      default -> Set.of();
    };
  }

  /**
   * @param osName the JVM's {@code os.name}
   * @return JavaCPP's name for it: {@code linux}, {@code macosx}, {@code windows}, or the name
   *     lower-cased when it is none of them
   */
  static String javacppOs(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return "linux";
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "macosx";
    }
    if (os.startsWith("windows")) {
      return "windows";
    }
    return os.replace(' ', '_');
  }

  /**
   * @param osArch the JVM's {@code os.arch}
   * @return JavaCPP's name for it: {@code x86_64}, {@code arm64}, {@code armhf}, or the name
   *     as given
   */
  static String javacppArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x86-64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      case "arm", "armv7l", "armhf" -> "armhf";
      default -> osArch;
    };
  }
}
