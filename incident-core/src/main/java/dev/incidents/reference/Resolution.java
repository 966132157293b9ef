package dev.incidents.reference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ReferenceResolver} found: which references do not exist, and the names of those that do.
 * Immutable.
 */
public final class Resolution {

  private static final Resolution ALL_EXIST = new Resolution(Set.of(), Map.of());

  private final Set<Reference> unknown;
  private final Map<Reference, String> names;

  private Resolution(Set<Reference> unknown, Map<Reference, String> names) {
    this.unknown = Set.copyOf(unknown);
    this.names = Map.copyOf(names);
  }

  /** Every reference exists; none has a name (tags and parts are named by their display id). */
  public static Resolution allExist() {
    return ALL_EXIST;
  }

  /** A builder: references not marked {@linkplain Builder#unknown unknown} exist. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the reference names an existing object. */
  public boolean exists(Reference reference) {
    return !unknown.contains(reference);
  }

  /** The object's name, if the resolver gave one. */
  public Optional<String> name(Reference reference) {
    return Optional.ofNullable(names.get(reference));
  }

  /** Builds a {@link Resolution}. Not thread-safe. */
  public static final class Builder {
    private final Set<Reference> unknown = new HashSet<>();
    private final Map<Reference, String> names = new HashMap<>();

    private Builder() {}

    /** Marks a reference as naming no existing object: the create is rejected with {@code invalid_id}. */
    public Builder unknown(Reference reference) {
      unknown.add(Objects.requireNonNull(reference, "reference"));
      return this;
    }

    /** Gives an existing object's name (used in tag and part summaries). */
    public Builder name(Reference reference, String name) {
      names.put(Objects.requireNonNull(reference, "reference"), Objects.requireNonNull(name, "name"));
      return this;
    }

    /** The resolution. */
    public Resolution build() {
      return new Resolution(unknown, names);
    }
  }
}
