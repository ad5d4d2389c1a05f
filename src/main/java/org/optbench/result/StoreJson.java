package org.optbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Pattern;

/**
 * How the JSON files of a results folder are read ({@code manifest.json}, a trial's
 * {@code spec.json} and {@code result.json}, a checkpoint's {@code state.json}): each holds one
 * JSON value and nothing after it.
 *
 * <p>Jackson stops reading after the first value by default, so a file with text appended to it
 * (an edit, or two writes run together) would read as whole and its trial pass as finished. A
 * mapper from here refuses the extra text as a parse error, which each reader already turns into
 * its own report of a damaged file, with {@link #describe} for the reason.
 */
public final class StoreJson {
  /** Where a bracket opened, as Jackson adds it: a source it does not name, and a line. */
  private static final Pattern SOURCE =
      Pattern.compile(" \\(for \\w+ starting at \\[Source: [^\\]]*\\]\\)");

  private StoreJson() {}

  /**
   * @return a new mapper that refuses anything after a file's JSON value; its other features are
   *     Jackson's defaults, for the caller to change
   */
  public static ObjectMapper mapper() {
    return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * @param e why a store file could not be read: a parse error, or any other failure
   * @return {@link #describe(JsonProcessingException)} for a parse error; else the first line of
   *     the message, or the exception's class when it has none
   */
  public static String reason(Exception e) {
    if (e instanceof JsonProcessingException json) {
      return describe(json);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage().lines().findFirst().orElse("");
  }

  /**
   * @param e why a store file could not be read as JSON
   * @return the reason in one line, with the line it was found on when known, e.g.
   *     {@code text follows the JSON value at line 20}; without the parser's source dump
   */
  public static String describe(JsonProcessingException e) {
    // Jackson words this one for programmers ("... as per `FAIL_ON_TRAILING_TOKENS`").
    String reason = e instanceof MismatchedInputException && e.getOriginalMessage() != null
        && e.getOriginalMessage().startsWith("Trailing token") ? "text follows the JSON value"
        : SOURCE.matcher(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""))
            .replaceAll("");
    // A value bound after parsing has no place in the file (line -1).
    return reason + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " at line " + e.getLocation().getLineNr());
  }
}
