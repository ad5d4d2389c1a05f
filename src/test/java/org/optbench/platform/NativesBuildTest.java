package org.optbench.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class NativesBuildTest {
  private static final Optional<Set<String>> HASWELL =
      Optional.of(Set.of("sse4_2", "avx", "avx2", "fma"));
  private static final Optional<Set<String>> SANDY_BRIDGE = Optional.of(Set.of("sse4_2", "avx"));
  private static final Optional<Set<String>> SKYLAKE_X = Optional.of(Set.of("avx", "avx2", "fma",
      "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

  @Test
  void eachMachineGetsTheOneDnnBuildWhereOneExistsAtTheHighestLevelItsCpuRuns() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("Linux amd64 avx2", "linux-x86_64-onednn-avx2");
    expected.put("Linux amd64 avx", "linux-x86_64-onednn");
    expected.put("Linux amd64 avx512", "linux-x86_64-onednn-avx2");
    expected.put("Linux amd64 unknown", "linux-x86_64-onednn-avx2");
    expected.put("Linux aarch64 unknown", "linux-arm64");
    expected.put("Linux arm unknown", "linux-armhf");
    expected.put("Mac OS X x86_64 avx2", "macosx-x86_64-onednn");
    expected.put("Mac OS X aarch64 unknown", "macosx-arm64");
    expected.put("Windows 11 amd64 avx2", "windows-x86_64-onednn-avx2");
    expected.put("Windows 10 amd64 avx", "windows-x86_64-onednn");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String[] w = e.getKey().split(" ");
      String os = String.join(" ", List.of(w).subList(0, w.length - 2));
      Optional<Set<String>> flags = switch (w[w.length - 1]) {
        case "avx2" -> HASWELL;
        case "avx" -> SANDY_BRIDGE;
        case "avx512" -> SKYLAKE_X;
        default -> Optional.empty();
      };
      String got = NativesBuild.forMachine(os, w[w.length - 2], flags).classifier();
      assertEquals(e.getValue(), got, e.getKey());
      assertTrue(NativesBuild.ON_MAVEN_CENTRAL.contains(got), got);
    }
  }

  @Test
  void aPlatformWithoutABuildIsNamedWithTheBuildsThatExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NativesBuild.forMachine("Linux", "ppc64le", Optional.empty()));
    assertTrue(e.getMessage().startsWith("nd4j-native 1.0.0-M2.1 has no build for Linux on"
        + " ppc64le (JavaCPP platform linux-ppc64le); builds exist for linux-x86_64, "),
        e.getMessage());
  }

  @Test
  void classifiersParseIntoTheirPartsAndBack() {
    NativesBuild b = NativesBuild.parse("linux-x86_64-onednn-avx2").orElseThrow();
    assertEquals(new NativesBuild("linux", "x86_64", true, "avx2"), b);
    assertEquals(Set.of("avx2", "fma"), b.requiredFlags());
    assertEquals(Set.of(), NativesBuild.parse("macosx-arm64").orElseThrow().requiredFlags());
    assertEquals(5, NativesBuild.parse("linux-x86_64-avx512").orElseThrow().requiredFlags().size());
    for (String c : NativesBuild.ON_MAVEN_CENTRAL) {
      assertEquals(c, NativesBuild.parse(c).orElseThrow().classifier());
    }
    assertEquals(Optional.empty(), NativesBuild.parse("linux-x86_64-cuda"));
  }

  @Test
  void cpuFlagsComeFromTheFirstFlagsLineOrFromSysctl() {
    List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: GenuineIntel",
        "flags\t\t: fpu sse4_2 avx avx2 fma", "processor\t: 1", "flags\t\t: fpu");
    assertEquals(Optional.of(Set.of("fpu", "sse4_2", "avx", "avx2", "fma")),
        CpuFlags.fromCpuinfo(cpuinfo));
    assertEquals(Optional.empty(), CpuFlags.fromCpuinfo(List.of("Features\t: fp asimd")));
    assertEquals(Set.of("fma", "avx", "sse4.2", "avx2", "bmi2"),
        CpuFlags.fromSysctl("FMA AVX1.0 SSE4.2\nAVX2 BMI2\n"));
  }

  @Test
  void aCpuWithoutAvx2IsToldWhichBuildToUse() {
    assertEquals(Optional.of("this CPU cannot run the ND4J natives in this build"
        + " (linux-x86_64-onednn-avx2 needs avx2, fma, which it lacks); rebuild for this CPU"
        + " with: mvn -q package -DskipTests -Dnd4j.classifier=linux-x86_64-onednn"),
        NativesCheck.problem(List.of("linux-x86_64-onednn-avx2"), SANDY_BRIDGE, "Linux",
            "amd64"));
    // Nothing refused when the CPU can run it or when its flags are unknown.
    assertEquals(Optional.empty(), NativesCheck.problem(List.of("linux-x86_64-onednn-avx2"),
        HASWELL, "Linux", "amd64"));
    assertEquals(Optional.empty(), NativesCheck.problem(List.of("linux-x86_64-onednn-avx2"),
        Optional.empty(), "Linux", "amd64"));
    // JavaCPP loads the -avx512 build before the plain one, whatever the CPU: it counts.
    assertEquals(NativesCheck.problem(List.of("linux-x86_64-avx512"), HASWELL, "Linux", "amd64"),
        NativesCheck.problem(List.of("linux-x86_64", "linux-x86_64-avx512"), HASWELL, "Linux",
            "amd64"));
    assertEquals(Optional.of("this CPU cannot run the ND4J natives in this build"
        + " (linux-x86_64-avx512 needs avx512bw, avx512cd, avx512dq, avx512f, avx512vl, which"
        + " it lacks); rebuild for this CPU with: mvn -q package -DskipTests"
        + " -Dnd4j.classifier=linux-x86_64-onednn-avx2"),
        NativesCheck.problem(List.of("linux-x86_64-avx512"), HASWELL, "Linux", "amd64"));
  }

  @Test
  void javacppLoadsTheOneDnnBuildBeforeThePlainOne() {
    assertEquals("linux-x86_64-onednn", NativesCheck.loadedBuild(
        List.of("linux-x86_64", "linux-x86_64-onednn")).orElseThrow().classifier());
    assertEquals("linux-x86_64-onednn-avx2", NativesCheck.loadedBuild(
        List.of("linux-x86_64-onednn", "linux-x86_64-onednn-avx2")).orElseThrow().classifier());
    assertEquals("macosx-arm64", NativesCheck.loadedBuild(List.of("macosx-arm64")).orElseThrow()
        .classifier());
  }

  /** DL4J also pulls in the plain build; the pom's choice is the one loaded, and it runs here. */
  @Test
  void theBuildLoadedFromTheClassPathIsThePomDefaultAndRunsHere() {
    assertEquals(List.of("linux-x86_64", "linux-x86_64-onednn-avx2"),
        NativesCheck.presentBuilds());
    assertEquals("linux-x86_64-onednn-avx2",
        NativesCheck.loadedBuild(NativesCheck.presentBuilds()).orElseThrow().classifier());
    NativesCheck.checkThisMachine();
  }

  /** The pom's natives-* profiles pick what {@link NativesBuild#forMachine} picks. */
  @Test
  void thePomProfilesAgreeWithTheSelectionRule() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("pom.xml").toFile());
    Element props = (Element) pom.getDocumentElement().getElementsByTagName("properties").item(0);
    assertEquals(NativesBuild.forMachine("Linux", "amd64", HASWELL).classifier(),
        text(props, "nd4j.classifier"));
    NodeList profiles = pom.getElementsByTagName("profile");
    int checked = 0;
    for (int i = 0; i < profiles.getLength(); i++) {
      Element p = (Element) profiles.item(i);
      if (!text(p, "id").startsWith("natives-")) {
        continue;
      }
      Element os = (Element) p.getElementsByTagName("os").item(0);
      String family = text(os, "family");
      String name = family.equals("mac") ? "Mac OS X"
          : family.equals("windows") ? "Windows 11" : text(os, "name");
      NativesBuild build = NativesBuild.forMachine(name, text(os, "arch"), HASWELL);
      assertEquals(build.classifier(), text(p, "nd4j.classifier"), text(p, "id"));
      assertEquals(build.os() + "-" + build.arch(), text(p, "javacpp.platform"), text(p, "id"));
      checked++;
    }
    assertEquals(4, checked);
  }

  private static String text(Element parent, String tag) {
    NodeList list = parent.getElementsByTagName(tag);
    return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
  }
}
