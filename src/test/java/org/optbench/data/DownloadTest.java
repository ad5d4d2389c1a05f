package org.optbench.data;

import org.optbench.Sha256;
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
import java.net.ServerSocket;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback HTTP server serving tiny generated files; no real mirror is used. */
class DownloadTest {
  @TempDir Path temp;

  private final Map<String, byte[]> good = TestFiles.tinyDataset(42);
  private final Map<String, byte[]> wrong = TestFiles.tinyDataset(99);
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good/", exchange -> serve(exchange, "/good/", good));
    server.createContext("/wrong/", exchange -> serve(exchange, "/wrong/", wrong));
    server.createContext("/missing/", exchange -> serve(exchange, "/missing/", Map.of()));
    server.createContext(
        "/moved/",
        exchange -> {
          requests.add(exchange.getRequestURI().getPath());
          String name = exchange.getRequestURI().getPath().substring("/moved/".length());
          exchange.getResponseHeaders().add("Location", "/good/" + name);
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange, String prefix, Map<String, byte[]> files)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    byte[] body = files.get(path.substring(prefix.length()));
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  private URI mirror(String prefix) {
    return URI.create(base + prefix);
  }

  private DatasetRepository repository(boolean enabled, URI... mirrors) {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new DatasetRepository(
        Optional.of(temp.resolve("data")),
        Map.of(),
        temp,
        List.of(),
        new DownloadPolicy(enabled, Map.of(DatasetId.MNIST, List.of(mirrors))),
        Map.of(DatasetId.MNIST, TestFiles.checksums(good)),
        new Downloader(client, false));
  }

  private Path datasetDir() {
    return temp.resolve("data").resolve("mnist");
  }

  /** All four files with their checksums, in the repository's canonical order. */
  private String missingList() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      out.append(out.length() == 0 ? "" : "\n").append("  ").append(name).append("  SHA-256 ")
          .append(Sha256.of(good.get(name)));
    }
    return out.toString();
  }

  private Set<String> listing() throws IOException {
    if (!Files.exists(datasetDir())) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(datasetDir())) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private long requestsUnder(String prefix) {
    return requests.stream().filter(p -> p.startsWith(prefix)).count();
  }

  @Test
  void downloadsMissingFilesAndFallsThroughA404Mirror() throws Exception {
    DatasetRepository repo = repository(true, mirror("/missing/"), mirror("/good/"));

    ImageDataset dataset = repo.load(DatasetId.MNIST);

    assertEquals(new TreeSet<>(good.keySet()), listing()); // and no temporary files
    for (Map.Entry<String, byte[]> file : good.entrySet()) {
      assertArrayEquals(file.getValue(), Files.readAllBytes(datasetDir().resolve(file.getKey())));
    }
    assertArrayEquals(TestFiles.randomPixels(5, 42), dataset.train().pixels());
    assertEquals(TestFiles.checksums(good), dataset.sha256ByFileName());
    assertEquals(4, requestsUnder("/missing/"));
    assertEquals(4, requestsUnder("/good/"));

    // Cached in this instance, and present on disk for the next one: no further requests.
    repo.load(DatasetId.MNIST);
    repository(true, mirror("/missing/"), mirror("/good/")).load(DatasetId.MNIST);
    assertEquals(8, requests.size());
  }

  @Test
  void onlyMissingFilesAreDownloaded() throws Exception {
    Files.createDirectories(datasetDir());
    for (String name : List.of("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Files.write(datasetDir().resolve(name), good.get(name));
    }

    repository(true, mirror("/good/")).load(DatasetId.MNIST);

    assertEquals(
        Set.of("/good/train-labels-idx1-ubyte.gz", "/good/t10k-images-idx3-ubyte.gz"),
        Set.copyOf(requests));
    assertEquals(new TreeSet<>(good.keySet()), listing());
  }

  @Test
  void followsRedirects() throws Exception {
    repository(true, mirror("/moved/")).load(DatasetId.MNIST);
    assertEquals(4, requestsUnder("/moved/"));
    assertEquals(4, requestsUnder("/good/"));
    assertEquals(new TreeSet<>(good.keySet()), listing());
  }

  @Test
  void wrongBytesFailWithChecksumMessageAndLeaveNoFile() throws Exception {
    DatasetRepository repo = repository(true, mirror("/wrong/"));

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();

    String name = "train-images-idx3-ubyte.gz";
    String expected = Sha256.of(good.get(name));
    String actual = Sha256.of(wrong.get(name));
    assertEquals(
        "Could not download "
            + name
            + " into "
            + datasetDir()
            + "; tried 1 URL(s):\n"
            + "  "
            + base
            + "/wrong/"
            + name
            + " -> SHA-256 mismatch: expected "
            + expected
            + ", actual "
            + actual
            + " ("
            + wrong.get(name).length
            + " bytes; discarded)\n"
            + "No file was left behind. Check the network connection (and proxy settings), or"
            + " download "
            + name
            + " yourself, check that its SHA-256 is "
            + expected
            + ", and put it in "
            + datasetDir()
            + ".\nStill missing in "
            + datasetDir()
            + ":\n"
            + missingList()
            + "\nIf the files are already on this machine, set --data-dir DIR or OPTBENCH_DATA=DIR,"
            + " DIR being the folder that contains mnist/ (looked in: "
            + datasetDir()
            + ").",
        message);
    assertEquals(Set.of(), listing());
    assertFalse(Files.exists(datasetDir().getParent()),
        "the folders made for the download are removed again");
  }

  @Test
  void givenTheDataSetFolderItselfItExplainsInsteadOfDownloadingASecondCopy() throws Exception {
    Path mnist = Files.createDirectories(temp.resolve("copy").resolve("mnist"));
    String images = "train-images-idx3-ubyte.gz";
    Files.write(mnist.resolve(images), good.get(images));
    DatasetRepository repo = new DatasetRepository(Optional.of(mnist), Map.of(), temp, List.of(),
        new DownloadPolicy(true, Map.of(DatasetId.MNIST, List.of(mirror("/good/")))),
        Map.of(DatasetId.MNIST, TestFiles.checksums(good)), null);
    DataException e = assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST));
    assertEquals(mnist + " itself holds train-images-idx3-ubyte.gz, so it looks like the MNIST"
        + " folder; the data directory is the folder that contains mnist/. Use "
        + mnist.getParent() + " instead (it was given as the data directory from"
        + " --data-dir/config).", e.getMessage());
    assertEquals(List.of(), requests, "nothing was downloaded");
    assertFalse(Files.exists(mnist.resolve("mnist")));
  }

  @Test
  void wrongMirrorFallsThroughToTheNextOne() throws Exception {
    repository(true, mirror("/wrong/"), mirror("/good/")).load(DatasetId.MNIST);
    assertEquals(4, requestsUnder("/wrong/"));
    assertEquals(new TreeSet<>(good.keySet()), listing());
  }

  @Test
  void allMirrorsFailingListsEveryUrlTried() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
    DatasetRepository repo = repository(true, mirror("/missing/"), unreachable);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();

    assertTrue(
        message.startsWith(
            "Could not download train-images-idx3-ubyte.gz into "
                + datasetDir()
                + "; tried 2 URL(s):\n"
                + "  "
                + base
                + "/missing/train-images-idx3-ubyte.gz -> HTTP 404\n"
                + "  "
                + unreachable
                + "train-images-idx3-ubyte.gz -> network error: "),
        message);
    assertEquals(Set.of(), listing());
  }

  @Test
  void badLocalFileFailsBeforeAnyRequest() throws Exception {
    Files.createDirectories(datasetDir());
    Path bad = Files.write(datasetDir().resolve("t10k-images-idx3-ubyte.gz"), new byte[] {1, 2, 3});

    String message =
        assertThrows(
                DataException.class, () -> repository(true, mirror("/good/")).load(DatasetId.MNIST))
            .getMessage();

    assertTrue(message.startsWith("Checksum mismatch for " + bad + ": expected SHA-256 "), message);
    assertTrue(message.contains("The file was left untouched."), message);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(bad));
    assertEquals(List.of(), requests);
  }

  @Test
  void disabledDownloadMakesNoRequest() {
    DatasetRepository repo = repository(false, mirror("/good/"));
    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();
    assertTrue(message.startsWith("MNIST data files not found."), message);
    assertTrue(message.contains("fetched from " + base + "/good/ into"), message);
    assertEquals(List.of(), requests);
  }

  @Test
  void downloaderReturnsTheVerifiedTarget() throws Exception {
    Files.createDirectories(temp.resolve("direct"));
    String name = "t10k-labels-idx1-ubyte.gz";
    Downloader downloader =
        new Downloader(HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build(), false);

    Path result =
        downloader.download(
            name,
            List.of(mirror("/good/")),
            Sha256.of(good.get(name)).toUpperCase(),
            temp.resolve("direct"));

    assertEquals(temp.resolve("direct").resolve(name), result);
    assertArrayEquals(good.get(name), Files.readAllBytes(result));
  }
}
