package org.optbench.result;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.optbench.UserInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps two {@code run} processes out of one experiment folder: a {@code .lock} file holding the
 * owner's pid and host, created atomically. A lock left by a process that no longer runs on this
 * host is stale and is taken over.
 */
public final class RunLock implements AutoCloseable {
  /** File name of the lock inside the experiment folder. */
  public static final String FILE = ".lock";

  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  private final Path file;

  private RunLock(Path file) {
    this.file = file;
  }

  /**
   * @param experimentDir the experiment folder (must exist)
   * @return the held lock; close it to release
   * @throws UserInputException if a live process (or one on another host) holds the lock
   */
  public static RunLock acquire(Path experimentDir) {
    Path file = experimentDir.resolve(FILE);
    String me = ProcessHandle.current().pid() + "@" + hostName();
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(Files.createFile(file), me + "\n", StandardCharsets.UTF_8);
        return new RunLock(file);
      } catch (FileAlreadyExistsException e) {
        String owner = readOwner(file);
        if (isAlive(owner)) {
          throw new UserInputException("another optbench run (pid " + owner.replace("@",
              " on host ") + ") is using " + experimentDir + "; wait for it to finish, or if"
              + " that process is gone, delete " + file);
        }
        LOG.warn("taking over the stale lock of {} in {}", owner, experimentDir);
        try {
          Files.deleteIfExists(file);
        } catch (IOException io) {
          throw new UserInputException("cannot remove stale lock " + file + ": " + io, io);
        }
      } catch (IOException e) {
        throw new UserInputException("cannot create lock file " + file + ": " + e, e);
      }
    }
    throw new UserInputException("cannot take the lock " + file + "; another run keeps"
        + " creating it");
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot remove lock {}: {}", file, e.toString());
    }
  }

  private static String readOwner(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** Unknown formats and other hosts count as alive: never steal a lock we cannot check. */
  private static boolean isAlive(String owner) {
    int at = owner.indexOf('@');
    if (at <= 0) {
      return !owner.isEmpty();
    }
    if (!owner.substring(at + 1).equals(hostName())) {
      return true;
    }
    try {
      long pid = Long.parseLong(owner.substring(0, at));
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      return handle.map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
