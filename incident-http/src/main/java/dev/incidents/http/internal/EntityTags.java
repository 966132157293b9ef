package dev.incidents.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * ETags and {@code If-Match}: an incident's version {@code n} is the strong entity tag {@code "n"}
 * (docs/CONTRACT.md section 12.5).
 */
public final class EntityTags {

  /** What an {@code If-Match} header asks for. */
  public sealed interface Precondition {
    /** No header, or {@code *}: any version. */
    record Any() implements Precondition {}

    /** Exactly this version. */
    record Version(long version) implements Precondition {}

    /** A tag that no version of ours can match (weak, or not a version): the answer is 412. */
    record Never() implements Precondition {}
  }

  private EntityTags() {}

  /** The ETag of a version. */
  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The precondition of an {@code If-Match} header.
   *
   * @throws dev.incidents.error.IncidentException {@code bad_request} at {@code If-Match} when the header is not
   *     {@code *} or one entity tag
   */
  public static Precondition ifMatch(@Nullable String header) {
    if (header == null) {
      return new Precondition.Any();
    }
    String value = header.strip();
    if (value.equals("*")) {
      return new Precondition.Any();
    }
    boolean weak = value.startsWith("W/");
    String tag = weak ? value.substring(2) : value;
    if (tag.length() < 2 || tag.length() > 66 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"'
        || tag.indexOf('"', 1) != tag.length() - 1) {
      throw Query.badRequest("If-Match", "must be * or one entity tag such as \"3\" (the ETag of incidents.get)");
    }
    String opaque = tag.substring(1, tag.length() - 1);
    if (weak || !opaque.matches("[1-9][0-9]{0,18}")) {
      return new Precondition.Never();
    }
    try {
      return new Precondition.Version(Long.parseLong(opaque));
    } catch (NumberFormatException e) {
      return new Precondition.Never();
    }
  }
}
