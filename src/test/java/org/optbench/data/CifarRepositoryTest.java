package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.Sha256;

/**
 * CIFAR-10 through {@link DatasetRepository}: the archive or its extracted folder in the data
 * directory, the MD5 check, the offline error, and downloads from a loopback HTTP server serving
 * generated archives (no real mirror is used).
 */
class CifarRepositoryTest {
  private static final String ARCHIVE = "cifar-10-binary.tar.gz";

  @TempDir Path temp;

  private final Map<String, byte[]> batches = CifarFixtures.batches(2);
  private final byte[] good = CifarFixtures.archive(batches);
  private final byte[] other = CifarFixtures.archive(CifarFixtures.batches(3));
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good/", exchange -> serve(exchange, good));
    server.createContext("/other/", exchange -> serve(exchange, other));
    server.createContext("/missing/", exchange -> serve(exchange, null));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange, byte[] body) throws IOException {
    requests.add(exchange.getRequestURI().getPath());
    if (body == null || !exchange.getRequestURI().getPath().endsWith("/" + ARCHIVE)) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** A repository expecting the fixture archive's MD5 (or the published one if null). */
  private DatasetRepository repository(boolean download, String md5, String... mirrors) {
    HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(5)).build();
    List<URI> uris = java.util.Arrays.stream(mirrors).map(m -> URI.create(base + m)).toList();
    return new DatasetRepository(Optional.of(temp.resolve("data")), Map.of(), temp, List.of(),
        new DownloadPolicy(download, Map.of(DatasetId.CIFAR10, uris)),
        md5 == null ? Map.of() : Map.of(DatasetId.CIFAR10, Map.of(ARCHIVE, md5)),
        new Downloader(client, false));
  }

  private Path cifarDir() {
    return temp.resolve("data").resolve("cifar10");
  }

  @Test
  void theArchiveInTheDataDirectoryIsCheckedReadAndItsSha256Recorded() throws Exception {
    Files.createDirectories(cifarDir());
    Files.write(cifarDir().resolve(ARCHIVE), good);

    ImageDataset data = repository(false, CifarFixtures.md5(good)).load(DatasetId.CIFAR10);

    assertEquals(DatasetId.CIFAR10, data.id());
    assertEquals(10, data.train().count());
    assertEquals(2, data.test().count());
    assertEquals(Map.of(ARCHIVE, Sha256.of(good)), data.sha256ByFileName());
    assertEquals(List.of(cifarDir().resolve(ARCHIVE)), Files.list(cifarDir()).toList(),
        "read in place: nothing extracted or added");
    assertTrue(requests.isEmpty());
  }

  @Test
  void theArchiveIsCheckedAgainstThePublishedMd5() throws Exception {
    Files.createDirectories(cifarDir());
    Files.write(cifarDir().resolve(ARCHIVE), good);

    DataException e = assertThrows(DataException.class,
        () -> repository(true, null, "/good/").load(DatasetId.CIFAR10));

    assertTrue(e.getMessage().startsWith("Checksum mismatch for " + cifarDir().resolve(ARCHIVE)
        + ": expected MD5 c32a1d4ab5d03f1284b67883e8d87530 (published for " + ARCHIVE
        + " on https://www.cs.toronto.edu/~kriz/cifar.html), actual " + CifarFixtures.md5(good)
        + ". The file was left untouched."), e.getMessage());
    assertArrayEquals(good, Files.readAllBytes(cifarDir().resolve(ARCHIVE)));
    assertTrue(requests.isEmpty(), "a bad local file is not replaced by a download");
  }

  @Test
  void anExtractedFolderIsReadAndEachBatchHashed() throws Exception {
    Path folder = Files.createDirectories(cifarDir().resolve("cifar-10-batches-bin"));
    for (Map.Entry<String, byte[]> e : batches.entrySet()) {
      Files.write(folder.resolve(e.getKey()), e.getValue());
    }

    ImageDataset data = repository(false, null).load(DatasetId.CIFAR10);

    assertEquals(10, data.train().count());
    assertEquals(List.of("cifar-10-batches-bin/data_batch_1.bin",
        "cifar-10-batches-bin/data_batch_2.bin", "cifar-10-batches-bin/data_batch_3.bin",
        "cifar-10-batches-bin/data_batch_4.bin", "cifar-10-batches-bin/data_batch_5.bin",
        "cifar-10-batches-bin/test_batch.bin"), List.copyOf(data.sha256ByFileName().keySet()));
    assertEquals(Sha256.of(batches.get("test_batch.bin")),
        data.sha256ByFileName().get("cifar-10-batches-bin/test_batch.bin"));
  }

  @Test
  void offlineWithoutTheDataTheErrorSaysWhereItLookedAndHowToFixIt() {
    DataException e = assertThrows(DataException.class,
        () -> repository(false, null, "/good/").load(DatasetId.CIFAR10));

    assertEquals("CIFAR-10 not found. Looked for " + ARCHIVE + " and its extracted folder"
        + " cifar-10-batches-bin/ in:\n  " + cifarDir() + " (data directory from"
        + " --data-dir/config): directory does not exist\n"
        + "Downloading is disabled, so nothing was fetched. To fix, do one of:\n"
        + "  - put " + ARCHIVE + " (MD5 c32a1d4ab5d03f1284b67883e8d87530, from"
        + " https://www.cs.toronto.edu/~kriz/cifar.html) into " + cifarDir() + "\n"
        + "  - set --data-dir (or the data directory in the config) or OPTBENCH_DATA to a"
        + " directory DIR that contains cifar10/ with the archive\n"
        + "  - allow downloading, so the archive is fetched from " + base + "/good/ into "
        + cifarDir() + " and verified", e.getMessage());
    assertFalse(Files.exists(temp.resolve("data")), "nothing created");
    assertTrue(requests.isEmpty(), "no request made");
  }

  @Test
  void aMissingArchiveIsDownloadedVerifiedAndRead() throws Exception {
    ImageDataset data = repository(true, CifarFixtures.md5(good), "/missing/", "/good/")
        .load(DatasetId.CIFAR10);

    assertEquals(List.of("/missing/" + ARCHIVE, "/good/" + ARCHIVE), requests,
        "the first mirror fails, the second serves");
    assertArrayEquals(good, Files.readAllBytes(cifarDir().resolve(ARCHIVE)));
    assertEquals(List.of(cifarDir().resolve(ARCHIVE)), Files.list(cifarDir()).toList(),
        "no temporary file left");
    assertEquals(Map.of(ARCHIVE, Sha256.of(good)), data.sha256ByFileName());
    assertEquals(batches.get("test_batch.bin")[1] & 0xFF, data.test().pixel(0, 0, 0, 0));
  }

  @Test
  void aDownloadWithTheWrongMd5IsDiscardedAndTheFoldersItMadeRemoved() {
    DataException e = assertThrows(DataException.class,
        () -> repository(true, CifarFixtures.md5(good), "/other/").load(DatasetId.CIFAR10));

    assertTrue(e.getMessage().contains("  " + base + "/other/" + ARCHIVE + " -> MD5 mismatch:"
        + " expected " + CifarFixtures.md5(good) + ", actual " + CifarFixtures.md5(other)),
        e.getMessage());
    assertTrue(e.getMessage().contains("check that its MD5 is " + CifarFixtures.md5(good)),
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("data")), "the folders the download made are gone");
  }
}
