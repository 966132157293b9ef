package dev.incidents.schema;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A declaration of custom fields (docs/CONTRACT.md section 5): the tenant fragment ({@code tnt__} fields), a subtype
 * fragment ({@code ctype__} fields, one subtype per request), or an app fragment ({@code <app>__} fields).
 * Immutable. Register it with {@link SchemaRegistry#register}, which checks it.
 *
 * <pre>{@code
 * SchemaFragment.tenant(CustomField.of("region", FieldType.ENUM).allowedValues("eu", "us").required())
 * SchemaFragment.subtype("outage", CustomField.of("blast_radius", FieldType.INT))
 * SchemaFragment.app("jira", CustomField.of("issue", FieldType.TEXT))
 * }</pre>
 *
 * @param kind which of the three kinds
 * @param name the subtype or app name, {@code [a-z][a-z0-9_]*}; {@code null} for the tenant fragment
 * @param fields the fields, in order
 * @param removedFields fields of the current version that this version drops on purpose: a new version
 *     that drops a field without naming it here is rejected, so a field is never lost by accident
 */
public record SchemaFragment(Kind kind, @Nullable String name, List<CustomField> fields, Set<String> removedFields) {

  /** The three kinds of fragment. */
  public enum Kind {
    /** The tenant fragment: fields {@code tnt__<name>}, used with {@code tenant_fragment: true}. */
    TENANT("tnt"),
    /** A subtype fragment: fields {@code ctype__<name>}, used with {@code subtype: "<name>"}. */
    CUSTOM_TYPE("ctype"),
    /** An app fragment: fields {@code <app>__<name>}, used with {@code apps: ["<app>"]}. */
    APP(null);

    private final @Nullable String prefix;

    Kind(@Nullable String prefix) {
      this.prefix = prefix;
    }

    /** The JSON name: {@code tenant_fragment}, {@code custom_type_fragment} or {@code app_fragment}. */
    @Override
    public String toString() {
      return this == CUSTOM_TYPE ? "custom_type_fragment" : name().toLowerCase(Locale.ROOT) + "_fragment";
    }

    /** The prefix of field keys, {@code tnt}, {@code ctype}, or the app's name. */
    @Nullable String prefix(@Nullable String name) {
      return prefix != null ? prefix : name;
    }
  }

  /** Checks that kind and fields are given, and copies them. */
  public SchemaFragment {
    Objects.requireNonNull(kind, "kind");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    removedFields = Set.copyOf(removedFields == null ? Set.of() : removedFields);
  }

  /** The tenant fragment with these fields. */
  public static SchemaFragment tenant(CustomField... fields) {
    return new SchemaFragment(Kind.TENANT, null, List.of(fields), Set.of());
  }

  /** The fragment of subtype {@code name} with these fields. */
  public static SchemaFragment subtype(String name, CustomField... fields) {
    return new SchemaFragment(Kind.CUSTOM_TYPE, name, List.of(fields), Set.of());
  }

  /** The fragment of app {@code name} with these fields. */
  public static SchemaFragment app(String name, CustomField... fields) {
    return new SchemaFragment(Kind.APP, name, List.of(fields), Set.of());
  }

  /** This fragment, dropping these fields of the current version on purpose. */
  public SchemaFragment removing(String... fieldNames) {
    return new SchemaFragment(kind, name, fields, Set.of(fieldNames));
  }

  /** The key a request uses for a field of this fragment, such as {@code tnt__region}. */
  public String key(CustomField field) {
    return kind.prefix(name) + "__" + field.name();
  }
}
