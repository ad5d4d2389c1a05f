package org.optbench.isolate;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a child process printed, kept for the message of a trial whose process died.
 * Its {@link #writer} may be shared by the threads copying the child's output and error streams.
 */
final class OutputTail {
  private final int keep;
  private final Deque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private final PrintWriter writer = new PrintWriter(new Writer() {
    @Override
    public void write(char[] buffer, int offset, int length) {
      synchronized (lines) {
        for (int i = offset; i < offset + length; i++) {
          char c = buffer[i];
          if (c == '\n') {
            add(partial.toString());
            partial.setLength(0);
          } else if (c != '\r') {
            partial.append(c);
          }
        }
      }
    }

    @Override
    public void flush() { }

    @Override
    public void close() { }
  });

  /** @param keep how many lines to keep, ≥ 1 */
  OutputTail(int keep) {
    this.keep = keep;
  }

  /** @return a writer whose whole lines are kept, the oldest dropped beyond the limit */
  PrintWriter writer() {
    return writer;
  }

  /** @return the kept lines, oldest first, with an unterminated last line if any */
  List<String> lines() {
    synchronized (lines) {
      Deque<String> all = new ArrayDeque<>(lines);
      if (partial.length() > 0) {
        all.addLast(partial.toString());
        if (all.size() > keep) {
          all.removeFirst();
        }
      }
      return List.copyOf(all);
    }
  }

  private void add(String line) {
    lines.addLast(line);
    if (lines.size() > keep) {
      lines.removeFirst();
    }
  }
}
