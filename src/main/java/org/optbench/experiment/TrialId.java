package org.optbench.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import org.optbench.Sha256;

/**
 * Content-hash identity: SHA-256 of the canonical JSON (keys sorted) of a trial's description.
 * Equal specs give equal ids on every machine and run; any change to a value that can change the
 * result gives a new id.
 *
 * @param hex 64 lowercase hex digits
 */
public record TrialId(String hex) {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** @return the id of this trial (seed included) */
  public static TrialId of(TrialSpec spec) {
    return new TrialId(sha256(spec.description()));
  }

  /**
   * @param description a trial description as read back from a spec file
   * @return the id it hashes to (equal to {@link #of} of the spec it was written from)
   */
  public static TrialId ofDescription(Map<String, Object> description) {
    return new TrialId(sha256(description));
  }

  /** @return the id of this trial's setting (seed excluded) */
  public static TrialId ofSetting(TrialSpec spec) {
    return new TrialId(sha256(spec.settingDescription()));
  }

  /** @return the first 12 hex digits, for file names and tables */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return hex;
  }

  private static String sha256(Map<String, Object> description) {
    try {
      return Sha256.of(CANONICAL.writeValueAsBytes(description));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash trial description " + description, e);
    }
  }

  /** @return the canonical JSON that {@link #of} hashes (for spec files) */
  public static String canonicalJson(Map<String, Object> description) {
    try {
      return CANONICAL.writerWithDefaultPrettyPrinter().writeValueAsString(description);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
