package org.optbench.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Whether missing data files may be downloaded, and from where.
 *
 * <p>Without an entry in {@code mirrors} a data set is fetched from its {@link
 * DatasetId#defaultMirrors() default mirrors}, which are all HTTPS. Mirrors the caller lists
 * explicitly replace the defaults for that data set and may use plain {@code http://} (a local
 * cache or a test server): every file is checked against its SHA-256 anyway, so transport security
 * is not what protects integrity.
 *
 * @param enabled true to download missing files, false to fail with a "not found" message instead
 * @param mirrors per data set, base URLs to try in order instead of the defaults; a file name is
 *     appended to each (a missing trailing {@code /} is added). Absent or empty lists mean "use the
 *     defaults". Stored as an unmodifiable copy.
 */
public record DownloadPolicy(boolean enabled, Map<DatasetId, List<URI>> mirrors) {

  /**
   * Validates the mirrors and stores an unmodifiable copy.
   *
   * @param enabled true to download missing files
   * @param mirrors per data set, base URLs replacing the defaults (absent or empty: defaults)
   * @throws DataException if a mirror is not an absolute {@code http://} or {@code https://} URL
   */
  public DownloadPolicy {
    Objects.requireNonNull(mirrors, "mirrors");
    EnumMap<DatasetId, List<URI>> copy = new EnumMap<>(DatasetId.class);
    mirrors.forEach(
        (id, uris) -> {
          Objects.requireNonNull(id, "dataset id");
          if (uris == null || uris.isEmpty()) {
            return;
          }
          List<URI> checked = new ArrayList<>(uris.size());
          for (URI uri : uris) {
            checked.add(checkMirror(id, uri));
          }
          copy.put(id, List.copyOf(checked));
        });
    mirrors = Collections.unmodifiableMap(copy);
  }

  /**
   * @return downloading enabled, default HTTPS mirrors for every data set
   */
  public static DownloadPolicy defaults() {
    return new DownloadPolicy(true, Map.of());
  }

  /**
   * @return downloading disabled: missing files are an error
   */
  public static DownloadPolicy disabled() {
    return new DownloadPolicy(false, Map.of());
  }

  /**
   * @param id a data set
   * @return the base URLs to try for {@code id}, in order: the caller's list if given, else the
   *     defaults; each ends with {@code /}
   */
  public List<URI> mirrorsFor(DatasetId id) {
    List<URI> custom = mirrors.get(id);
    return custom != null ? custom : id.defaultMirrors();
  }

  private static URI checkMirror(DatasetId id, URI uri) {
    Objects.requireNonNull(uri, "mirror URL");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new DataException(
          "Mirror URL '"
              + uri
              + "' for "
              + id.displayName()
              + " is not supported: expected an absolute https:// (or http://) base URL such as "
              + id.defaultMirrors().get(0)
              + ". Fix the mirror list, or remove it to use the default mirrors.");
    }
    // Resolving "file.gz" against ".../mnist" would drop the last path segment.
    return uri.getPath() != null && uri.getPath().endsWith("/")
        ? uri
        : URI.create(uri.toString() + "/");
  }
}
