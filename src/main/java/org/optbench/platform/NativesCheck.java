package org.optbench.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.optbench.UserInputException;

/**
 * Refuses to start ND4J on a CPU that cannot run the natives build on the class path, before
 * ND4J loads: ND4J would otherwise end the whole process from inside its factory
 * ({@code System.exit(1)} in {@code CpuNDArrayFactory}) with a message about the library, not
 * about what to do.
 */
public final class NativesCheck {
  /** A file every {@code nd4j-native} build jar holds under its classifier's folder. */
  private static final String PROBE = "META-INF/native-image/%s/jnind4jcpu/jni-config.json";

  private NativesCheck() {}

  /**
   * Checks this machine against the builds on this class's class path.
   *
   * @throws UserInputException naming the build, the missing CPU flags, and the build to use
   */
  public static void checkThisMachine() {
    problem(presentBuilds(), CpuFlags.ofThisMachine(), System.getProperty("os.name", ""),
        System.getProperty("os.arch", "")).ifPresent(message -> {
          throw new UserInputException(message);
        });
  }

  /**
   * The extensions of {@code nd4j-native-preset}'s {@code @Platform} annotation, in the order
   * JavaCPP's loader tries them ({@code Loader.load} in JavaCPP 1.5.7 walks the annotation's
   * list from its end, then tries the bare platform): the first build present in this order is
   * the one loaded, whether or not the CPU can run it.
   */
  private static final List<String> LOAD_ORDER = List.of("-compat", "-avx512", "-avx2",
      "-vednn-avx2", "-vednn-avx512", "-vednn", "-onednn-avx2", "-onednn-avx512", "-onednn", "");

  /**
   * @param present the classifiers of the builds on the class path, all of one platform
   * @return the one JavaCPP will load, if any
   */
  static Optional<NativesBuild> loadedBuild(List<String> present) {
    for (String extension : LOAD_ORDER) {
      for (String classifier : present) {
        Optional<NativesBuild> build = NativesBuild.parse(classifier);
        if (build.isPresent() && classifier.equals(build.get().os() + "-" + build.get().arch()
            + extension)) {
          return build;
        }
      }
    }
    return Optional.empty();
  }

  /** @return the classifiers of the {@code nd4j-native} builds on the class path */
  public static List<String> presentBuilds() {
    List<String> present = new ArrayList<>();
    for (String classifier : NativesBuild.ON_MAVEN_CENTRAL) {
      if (NativesCheck.class.getClassLoader().getResource(PROBE.formatted(classifier)) != null) {
        present.add(classifier);
      }
    }
    return present;
  }

  /**
   * @param present the classifiers of the {@code nd4j-native} builds on the class path
   * @param cpuFlags the CPU's flags, empty if unknown (then nothing is refused)
   * @param osName the JVM's {@code os.name}
   * @param osArch the JVM's {@code os.arch}
   * @return why ND4J cannot start here and what to do, or empty if the build JavaCPP will load
   *     suits the CPU (or nothing is known against it)
   */
  static Optional<String> problem(List<String> present, Optional<Set<String>> cpuFlags,
      String osName, String osArch) {
    Optional<NativesBuild> build = loadedBuild(present);
    if (build.isEmpty() || cpuFlags.isEmpty()) {
      return Optional.empty();
    }
    Set<String> lacking = new TreeSet<>(build.get().requiredFlags());
    lacking.removeAll(cpuFlags.get());
    if (lacking.isEmpty()) {
      return Optional.empty();
    }
    String missing = build.get().classifier() + " needs " + String.join(", ", lacking);
    String suggestion;
    try {
      suggestion = NativesBuild.forMachine(osName, osArch, cpuFlags).classifier();
    } catch (IllegalArgumentException e) {
      return Optional.of("this CPU cannot run the ND4J natives in this build (" + missing
          + ", which it lacks), and " + e.getMessage());
    }
    return Optional.of("this CPU cannot run the ND4J natives in this build (" + missing
        + ", which it lacks); rebuild for this CPU with: mvn -q package -DskipTests"
        + " -Dnd4j.classifier=" + suggestion);
  }
}
