package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.UserInputException;

class DatasetIdTest {
  @Test
  void publishedChecksums() {
    assertEquals(
        List.of(
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        List.copyOf(DatasetId.MNIST.publishedSha256().values()));
    assertEquals(
        Map.of(
            "train-images-idx3-ubyte.gz",
            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "train-labels-idx1-ubyte.gz",
            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "t10k-images-idx3-ubyte.gz",
            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "t10k-labels-idx1-ubyte.gz",
            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
        DatasetId.FASHION_MNIST.publishedSha256());
  }

  @Test
  void defaultMirrorsAreHttpsDirectories() {
    for (DatasetId id : DatasetId.values()) {
      assertTrue(!id.defaultMirrors().isEmpty());
      for (URI mirror : id.defaultMirrors()) {
        assertEquals("https", mirror.getScheme(), mirror.toString());
        assertTrue(mirror.getPath().endsWith("/"), mirror.toString());
      }
    }
    assertEquals(
        URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        DatasetId.MNIST.defaultMirrors().get(0));
  }

  @Test
  void cifar10IsOneArchiveWithThePublishedMd5() {
    assertEquals(DatasetId.Format.CIFAR_BINARY, DatasetId.CIFAR10.format());
    assertEquals(DatasetId.Format.IDX, DatasetId.MNIST.format());
    assertEquals("cifar-10-binary.tar.gz", DatasetId.CIFAR10.archiveName());
    // As published on https://www.cs.toronto.edu/~kriz/cifar.html for the binary version.
    assertEquals("c32a1d4ab5d03f1284b67883e8d87530", DatasetId.CIFAR10.archiveMd5());
    assertEquals(List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
        DatasetId.CIFAR10.defaultMirrors());
    assertEquals(Map.of(), DatasetId.CIFAR10.publishedSha256());
    assertThrows(IllegalStateException.class, DatasetId.MNIST::archiveMd5);
  }

  @Test
  void idsAndPackages() {
    assertEquals("mnist", DatasetId.MNIST.id());
    assertEquals("fashion-mnist", DatasetId.FASHION_MNIST.id());
    assertEquals(Optional.of("dataset-fashion-mnist"), DatasetId.FASHION_MNIST.debianPackage());
    assertEquals(Optional.empty(), DatasetId.MNIST.debianPackage());
  }

  @Test
  void fromId() {
    assertEquals(DatasetId.FASHION_MNIST, DatasetId.fromId("Fashion-MNIST"));
    assertEquals(DatasetId.FASHION_MNIST, DatasetId.fromId("fashion_mnist"));
    assertEquals(DatasetId.MNIST, DatasetId.fromId(" mnist "));
    UserInputException e =
        assertThrows(UserInputException.class, () -> DatasetId.fromId("cifar100"));
    assertEquals("Unknown data set 'cifar100': expected one of mnist, fashion-mnist, cifar10.",
        e.getMessage());
    assertEquals(DatasetId.CIFAR10, DatasetId.fromId("CIFAR10"));
  }
}
