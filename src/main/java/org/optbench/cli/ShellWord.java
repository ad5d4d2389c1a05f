package org.optbench.cli;

import java.util.regex.Pattern;

/** A value printed inside a command for the user to paste into a POSIX shell (bash, zsh). */
final class ShellWord {
  /** Characters no POSIX shell reads specially in a word. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

  private ShellWord() {}

  /**
   * @param value a path or other argument
   * @return it as it is when the shell reads it unchanged, else in single quotes (a quote inside
   *     as {@code '\''}), e.g. {@code 'odd dir#1'} for {@code odd dir#1}
   */
  static String of(String value) {
    return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
