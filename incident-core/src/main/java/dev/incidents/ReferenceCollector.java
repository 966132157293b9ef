package dev.incidents;

import dev.incidents.error.Violation;
import dev.incidents.model.TagRequest;
import dev.incidents.reference.ObjectType.Category;
import dev.incidents.reference.Reference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses the ids of one request: reports each bad id at its path, drops duplicates (a display id and the
 * DON of the same object are duplicates), and remembers where each reference appeared so the resolver's
 * verdicts can be reported at the right paths. Not thread-safe; one per check.
 */
final class ReferenceCollector {

  private final ReferenceParser ids;
  private final String tenant;
  private final List<Violation> violations;
  private final Map<Reference, List<String>> paths = new LinkedHashMap<>();

  ReferenceCollector(ReferenceParser ids, String tenant, List<Violation> violations) {
    this.ids = ids;
    this.tenant = tenant;
    this.violations = violations;
  }

  /** Where each reference appeared. */
  Map<Reference, List<String>> paths() {
    return paths;
  }

  /**
   * Parses one id, or adds a violation and returns null.
   *
   * @param category what the field accepts, or null for any kind of object
   */
  @Nullable Reference parse(String path, @Nullable String raw, @Nullable Category category) {
    if (raw == null) {
      violations.add(Violation.valueNotPermitted(path, "must not be null"));
      return null;
    }
    ReferenceParser.Parsed parsed = ids.parse(raw, tenant);
    if (parsed instanceof ReferenceParser.Parsed.Invalid invalid) {
      violations.add(Violation.invalidId(path, raw, invalid.reason()));
      return null;
    }
    if (parsed instanceof ReferenceParser.Parsed.Foreign foreign) {
      violations.add(Violation.invalidId(path, raw, foreign.reason()));
      return null;
    }
    Reference reference = ((ReferenceParser.Parsed.Ok) parsed).reference();
    if (category != null && reference.type().category() != category) {
      violations.add(Violation.unexpectedIdType(path, raw, category.description(), reference.type().describe()));
      return null;
    }
    return reference;
  }

  /** {@link #parse} that also records the reference for the resolver. */
  @Nullable Reference collect(String path, @Nullable String raw, @Nullable Category category) {
    Reference reference = parse(path, raw, category);
    if (reference != null) {
      paths.computeIfAbsent(reference, r -> new ArrayList<>()).add(path);
    }
    return reference;
  }

  /** An id list: parsed, without duplicates, in order. */
  List<Reference> list(String field, List<String> raw, Category category) {
    List<Reference> out = new ArrayList<>(raw.size());
    Set<Reference> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String path = field + "[" + i + "]";
      Reference reference = parse(path, raw.get(i), category);
      if (reference != null && seen.add(reference)) {
        out.add(reference);
        paths.computeIfAbsent(reference, r -> new ArrayList<>()).add(path);
      }
    }
    return out;
  }

  /** {@code tags}: parsed, without duplicate tag ids (the first value wins), in order. */
  List<CheckedRequest.Tag> tags(List<TagRequest> raw) {
    List<CheckedRequest.Tag> out = new ArrayList<>(raw.size());
    Set<Reference> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      TagRequest tag = raw.get(i);
      String path = "tags[" + i + "]";
      if (tag == null) {
        violations.add(Violation.valueNotPermitted(path, "must not be null"));
        continue;
      }
      if (tag.tagId() == null) {
        continue; // reported by Bean Validation as tags[i].tag_id missing
      }
      Reference reference = parse(path + ".tag_id", tag.tagId(), Category.TAG);
      if (reference != null && seen.add(reference)) {
        out.add(new CheckedRequest.Tag(reference, tag.value()));
        paths.computeIfAbsent(reference, r -> new ArrayList<>()).add(path + ".tag_id");
      }
    }
    return out;
  }
}
