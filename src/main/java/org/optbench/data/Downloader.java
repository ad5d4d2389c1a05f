package org.optbench.data;

import org.optbench.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one data file from a list of mirrors into a directory, safely.
 *
 * <p>For each mirror in turn: GET {@code <mirror><fileName>}, stream the body into a temporary file
 * in the target directory ({@code .<fileName>.<random>.part}) while hashing it, compare with the
 * expected checksum (the SHA-256, or for CIFAR-10's archive the MD5, its source publishes), and
 * only then atomically rename it to {@code <fileName>}. A mirror that fails
 * (HTTP error, network error, wrong size or wrong checksum) is skipped and its temporary file
 * deleted; if every mirror fails, the error lists each URL tried and why. Nothing but the temporary
 * file and the final file is ever written.
 *
 * <p>A progress bar goes to stderr when the size is known and the process has a console.
 */
public final class Downloader {
  /** Time allowed to open a TCP/TLS connection to a mirror. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Time allowed until a mirror sends the response headers. */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Largest body accepted (the biggest real file is CIFAR-10's archive, 170 MB); guards against a
   * runaway mirror.
   */
  public static final long MAX_BYTES = 256L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int PROGRESS_WIDTH = 100;

  private final HttpClient client;
  private final boolean progressBar;

  /**
   * @param client the HTTP client to use; it should follow redirects ({@link
   *     HttpClient.Redirect#NORMAL} never downgrades https to http)
   * @param progressBar true to draw a progress bar on stderr when the size is known
   */
  public Downloader(HttpClient client, boolean progressBar) {
    this.client = Objects.requireNonNull(client, "client");
    this.progressBar = progressBar;
  }

  /**
   * @return a downloader with a {@link #CONNECT_TIMEOUT} client that follows redirects (except
   *     https to http) and the system proxy settings, drawing a progress bar only when the process
   *     has a console
   */
  public static Downloader createDefault() {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new Downloader(client, System.console() != null);
  }

  /**
   * Downloads {@code fileName} into {@code targetDir}, trying {@code mirrors} in order.
   *
   * @param fileName the file name appended to each mirror URL and used for the result
   * @param mirrors base URLs ending in {@code /}, tried in order; http or https
   * @param expectedSha256 the SHA-256 (hex) the file must have
   * @param targetDir existing directory that receives the file
   * @return {@code targetDir/fileName}, verified
   * @throws DataException if every mirror failed; the message lists each URL and its failure, and
   *     nothing is left behind in {@code targetDir}
   */
  public Path download(String fileName, List<URI> mirrors, String expectedSha256, Path targetDir) {
    return download(fileName, mirrors, Checksum.sha256(expectedSha256), targetDir);
  }

  /**
   * Downloads {@code fileName} into {@code targetDir}, trying {@code mirrors} in order, checking
   * the file against a checksum of any supported algorithm.
   *
   * @param fileName the file name appended to each mirror URL and used for the result
   * @param mirrors base URLs ending in {@code /}, tried in order; http or https
   * @param expected the checksum the file must have (SHA-256 or MD5)
   * @param targetDir existing directory that receives the file
   * @return {@code targetDir/fileName}, verified
   * @throws DataException if every mirror failed; the message lists each URL and its failure, and
   *     nothing is left behind in {@code targetDir}
   */
  public Path download(String fileName, List<URI> mirrors, Checksum expected, Path targetDir) {
    Path target = targetDir.resolve(fileName);
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = mirror.resolve(fileName);
      try {
        fetch(url, fileName, expected, targetDir, target);
        LOG.info("Downloaded {} from {} ({} verified)", target, url, expected.algorithm());
        return target;
      } catch (MirrorFailure e) {
        LOG.warn("Download of {} failed: {}", url, e.getMessage());
        failures.add("  " + url + " -> " + e.getMessage());
      }
    }
    throw new DataException(
        "Could not download "
            + fileName
            + " into "
            + targetDir
            + "; tried "
            + mirrors.size()
            + " URL(s):\n"
            + String.join("\n", failures)
            + "\nNo file was left behind. Check the network connection (and proxy settings), or"
            + " download "
            + fileName
            + " yourself, check that its "
            + expected.algorithm()
            + " is "
            + expected.hex()
            + ", and put it in "
            + targetDir
            + ".");
  }

  /** One mirror failed for a reason worth reporting; the next mirror is tried. */
  private static final class MirrorFailure extends Exception {
    private static final long serialVersionUID = 1L;

    MirrorFailure(String message) {
      super(message, null, false, false);
    }
  }

  private void fetch(URI url, String fileName, Checksum expected, Path targetDir, Path target)
      throws MirrorFailure {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(RESPONSE_TIMEOUT)
            .header("User-Agent", "optbench")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new MirrorFailure("network error: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException("Download of " + url + " was interrupted.", e);
    }
    Path temp = null;
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new MirrorFailure("HTTP " + response.statusCode());
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
      if (length > MAX_BYTES) {
        throw new MirrorFailure(
            "server announced " + length + " bytes, more than the " + MAX_BYTES + " accepted");
      }
      temp = Files.createTempFile(targetDir, "." + fileName + ".", ".part");
      MessageDigest digest = expected.newDigest();
      long received = copy(body, temp, digest, length, fileName);
      if (length >= 0 && received != length) {
        throw new MirrorFailure(
            "incomplete download: received " + received + " of " + length + " bytes");
      }
      String actual = Sha256.hex(digest.digest());
      if (!actual.equals(expected.hex())) {
        throw new MirrorFailure(
            expected.algorithm()
                + " mismatch: expected "
                + expected.hex()
                + ", actual "
                + actual
                + " ("
                + received
                + " bytes; discarded)");
      }
      moveIntoPlace(temp, target);
      temp = null;
    } catch (IOException e) {
      throw new MirrorFailure("I/O error: " + e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private long copy(InputStream body, Path temp, MessageDigest digest, long length, String name)
      throws IOException, MirrorFailure {
    ProgressBar bar = null;
    if (progressBar && length > 0) {
      // A fixed-width console consumer avoids probing the terminal (which needs a native library).
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(length)
              .setUnit("MiB", 1L << 20)
              .setConsumer(new ConsoleProgressBarConsumer(System.err, PROGRESS_WIDTH))
              .build();
    }
    long received = 0;
    try (OutputStream out = Files.newOutputStream(temp)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      int n;
      while ((n = body.read(buffer)) > 0) {
        received += n;
        if (received > MAX_BYTES) {
          throw new MirrorFailure("response larger than the " + MAX_BYTES + " bytes accepted");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        if (bar != null) {
          bar.stepBy(n);
        }
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    return received;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("Could not delete temporary file {}: {}", temp, e.toString());
    }
  }
}
