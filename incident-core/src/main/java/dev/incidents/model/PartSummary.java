package dev.incidents.model;

import java.util.List;

/**
 * A part as it appears in a response: {@code {type, id, display_id, name, owned_by}}.
 *
 * <p>The API's part summaries always carry a name and owners. The name comes from the reference resolver and is the
 * display id by default, as for tags; the owners are empty unless a host supplies them (docs/CONTRACT.md section 3).
 * Documents stored before parts had names read back with those defaults.
 *
 * @param type the kind of part
 * @param id the part's DON
 * @param displayId the part's display id, such as {@code PROD-7}
 * @param name the part's name (from the reference resolver; the display id by default)
 * @param ownedBy the users who own the part (empty by default)
 */
public record PartSummary(PartType type, String id, String displayId, String name, List<UserSummary> ownedBy) {

  /** Fills the defaults: the display id as the name, no owners. */
  public PartSummary {
    name = name == null ? displayId : name;
    ownedBy = ownedBy == null ? List.of() : List.copyOf(ownedBy);
  }

  /** A part named by its display id, without owners: what the default resolver gives. */
  public PartSummary(PartType type, String id, String displayId) {
    this(type, id, displayId, displayId, List.of());
  }
}
