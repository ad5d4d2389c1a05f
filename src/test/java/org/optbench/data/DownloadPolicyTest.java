package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadPolicyTest {
  @Test
  void defaultsUseThePublishedHttpsMirrors() {
    DownloadPolicy policy = DownloadPolicy.defaults();
    assertTrue(policy.enabled());
    assertEquals(
        List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
        policy.mirrorsFor(DatasetId.MNIST));
    assertEquals(
        List.of(
            URI.create(
                "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")),
        policy.mirrorsFor(DatasetId.FASHION_MNIST));
    assertFalse(DownloadPolicy.disabled().enabled());
  }

  @Test
  void explicitMirrorsReplaceDefaultsAndGetATrailingSlash() {
    DownloadPolicy policy =
        new DownloadPolicy(
            true, Map.of(DatasetId.MNIST, List.of(URI.create("http://127.0.0.1:8080/cache"))));
    assertEquals(
        List.of(URI.create("http://127.0.0.1:8080/cache/")), policy.mirrorsFor(DatasetId.MNIST));
    assertEquals(
        DatasetId.FASHION_MNIST.defaultMirrors(), policy.mirrorsFor(DatasetId.FASHION_MNIST));
  }

  @Test
  void emptyMirrorListMeansDefaults() {
    DownloadPolicy policy = new DownloadPolicy(true, Map.of(DatasetId.MNIST, List.of()));
    assertEquals(DatasetId.MNIST.defaultMirrors(), policy.mirrorsFor(DatasetId.MNIST));
  }

  @Test
  void rejectsNonHttpMirrors() {
    for (String url : List.of("ftp://example.org/mnist/", "file:///srv/mnist/", "mnist/")) {
      DataException e =
          assertThrows(
              DataException.class,
              () -> new DownloadPolicy(true, Map.of(DatasetId.MNIST, List.of(URI.create(url)))));
      assertEquals(
          "Mirror URL '"
              + url
              + "' for MNIST is not supported: expected an absolute https:// (or http://) base URL"
              + " such as https://ossci-datasets.s3.amazonaws.com/mnist/. Fix the mirror list, or"
              + " remove it to use the default mirrors.",
          e.getMessage());
    }
  }
}
