package dev.incidents.catalog;

import dev.incidents.model.EnumValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of values a numeric field may take, such as {@code severity}: each value has an id (what
 * requests carry), a label and an ordinal (its position). Immutable and thread-safe.
 *
 * <pre>{@code
 * Catalog severity = Catalog.builder().add(10, "Minor").add(20, "Major").add(30, "Critical").build();
 * }</pre>
 */
public final class Catalog {

  /** The default {@code severity} catalog: 0 Sev0, 1 Sev1, 2 Sev2, 3 Sev3. */
  public static final Catalog DEFAULT_SEVERITY = Catalog.of("Sev0", "Sev1", "Sev2", "Sev3");
  /** The default {@code reported_by} catalog: 0 Customer, 1 Internal, 2 Monitoring, 3 Third party. */
  public static final Catalog DEFAULT_REPORTED_BY = Catalog.of("Customer", "Internal", "Monitoring", "Third party");
  /** The default {@code source} catalog: 0 Manual, 1 Alert, 2 Integration, 3 API. */
  public static final Catalog DEFAULT_SOURCE = Catalog.of("Manual", "Alert", "Integration", "API");

  private final List<EnumValue> values;
  private final Map<Long, EnumValue> byId;
  private final List<Long> ids;

  private Catalog(List<EnumValue> values) {
    this.values = List.copyOf(values);
    Map<Long, EnumValue> map = new HashMap<>();
    List<Long> idList = new ArrayList<>();
    for (EnumValue value : values) {
      map.put(value.id(), value);
      idList.add(value.id());
    }
    this.byId = Map.copyOf(map);
    this.ids = Collections.unmodifiableList(idList);
  }

  /** A catalog whose ids are 0, 1, 2, ... in the order of the labels. */
  public static Catalog of(String... labels) {
    Builder builder = builder();
    for (int i = 0; i < labels.length; i++) {
      builder.add(i, labels[i]);
    }
    return builder.build();
  }

  /** A builder for a catalog with ids of your choosing. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value with this id, if the catalog has it. */
  public Optional<EnumValue> find(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every value, in order. */
  public List<EnumValue> values() {
    return values;
  }

  /** Every id, in order: the {@code allowed_values} of an {@code invalid_enum_value} error. */
  public List<Long> ids() {
    return ids;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Catalog other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Catalog" + values;
  }

  /** Builds a {@link Catalog}; values keep the order they are added in. Not thread-safe. */
  public static final class Builder {
    private final List<EnumValue> values = new ArrayList<>();
    private final Set<Long> ids = new HashSet<>();
    private final Set<String> labels = new HashSet<>();

    private Builder() {}

    /**
     * Adds a value; its ordinal is the number of values added before it.
     *
     * @throws IllegalArgumentException if the id or label is already used, or the label is blank
     */
    public Builder add(long id, String label) {
      Objects.requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("catalog label for id " + id + " must not be blank");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("catalog id " + id + " is used twice");
      }
      if (!labels.add(label)) {
        throw new IllegalArgumentException("catalog label '" + label + "' is used twice");
      }
      values.add(new EnumValue(id, label, values.size()));
      return this;
    }

    /**
     * The catalog.
     *
     * @throws IllegalStateException if no value was added
     */
    public Catalog build() {
      if (values.isEmpty()) {
        throw new IllegalStateException("a catalog needs at least one value");
      }
      return new Catalog(values);
    }
  }
}
