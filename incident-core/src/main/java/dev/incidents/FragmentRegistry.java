package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Tenants;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.RequestContext;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.RegisteredFragment;
import dev.incidents.schema.SchemaFragment;
import dev.incidents.schema.SchemaRegistry;
import dev.incidents.validation.TextValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The {@link SchemaRegistry} of a service: per tenant, an immutable snapshot replaced atomically. */
final class FragmentRegistry implements SchemaRegistry {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Set<String> RESERVED_APPS = Set.of("tnt", "ctype");

  private final ReferenceParser ids;
  private final Map<String, Fragments> tenants = new ConcurrentHashMap<>();

  FragmentRegistry(ReferenceParser ids) {
    this.ids = ids;
  }

  /**
   * What one tenant registered: the current version per slot (kind and name), every version by id.
   *
   * @param current the current version of each slot
   * @param all every version ever registered, by id
   */
  record Fragments(Map<String, RegisteredFragment> current, Map<String, RegisteredFragment> all) {
    static final Fragments NONE = new Fragments(Map.of(), Map.of());

    @Nullable RegisteredFragment tenantFragment() {
      return current.get(slot(SchemaFragment.Kind.TENANT, null));
    }

    @Nullable RegisteredFragment subtype(String name) {
      return current.get(slot(SchemaFragment.Kind.CUSTOM_TYPE, name));
    }

    @Nullable RegisteredFragment app(String name) {
      return current.get(slot(SchemaFragment.Kind.APP, name));
    }

    List<String> names(SchemaFragment.Kind kind) {
      return current.values().stream().map(RegisteredFragment::fragment).filter(f -> f.kind() == kind)
          .map(SchemaFragment::name).sorted().toList();
    }
  }

  /** The fragments a tenant has now. */
  Fragments of(String tenant) {
    return tenants.getOrDefault(tenant, Fragments.NONE);
  }

  @Override
  public RegisteredFragment register(String tenant, SchemaFragment fragment) {
    return registerAll(tenant, List.of(fragment), false).get(0);
  }

  @Override
  public List<RegisteredFragment> register(String tenant, byte[] json) {
    return registerAll(tenant, IncidentJson.readSchemaFragments(json), isArray(json));
  }

  /** Whether a (valid) JSON text is an array: then paths start with the fragment's index, as the binder's do. */
  private static boolean isArray(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '[';
      }
    }
    return false;
  }

  @Override
  public List<RegisteredFragment> current(String tenant) {
    return List.copyOf(of(checkTenant(tenant)).current().values());
  }

  @Override
  public Optional<RegisteredFragment> find(String tenant, String id) {
    return Optional.ofNullable(of(checkTenant(tenant)).all().get(id));
  }

  private static String checkTenant(String tenant) {
    return Tenants.check(tenant);
  }

  /**
   * Checks every fragment, then registers them all in one atomic step, or none.
   *
   * @param indexed whether violation paths start with the fragment's index in a JSON array
   */
  private List<RegisteredFragment> registerAll(String tenant, List<SchemaFragment> fragments, boolean indexed) {
    checkTenant(tenant);
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < fragments.size(); i++) {
      violations.addAll(check(fragments.get(i), indexed ? "[" + i + "]." : ""));
    }
    if (!violations.isEmpty()) {
      throw IncidentException.of(violations);
    }
    List<RegisteredFragment> registered = new ArrayList<>();
    tenants.compute(tenant, (t, existing) -> {
      Fragments before = existing == null ? Fragments.NONE : existing;
      Map<String, RegisteredFragment> current = new LinkedHashMap<>(before.current());
      Map<String, RegisteredFragment> all = new HashMap<>(before.all());
      List<Violation> dropped = new ArrayList<>();
      registered.clear();
      for (int i = 0; i < fragments.size(); i++) {
        SchemaFragment fragment = fragments.get(i);
        String slot = slot(fragment.kind(), fragment.name());
        RegisteredFragment version = new RegisteredFragment(id(tenant, fragment), fragment);
        RegisteredFragment previous = current.get(slot);
        if (previous != null && !previous.id().equals(version.id())) {
          for (CustomField field : previous.fragment().fields()) {
            if (fragment.fields().stream().noneMatch(f -> f.name().equals(field.name()))
                && !fragment.removedFields().contains(field.name())) {
              String path = (indexed ? "[" + i + "]." : "") + "fields";
              dropped.add(Violation.valueNotPermitted(path, "drops field '" + field.name() + "' of the current "
                  + fragment.kind() + (fragment.name() == null ? "" : " '" + fragment.name() + "'")
                  + " version; list it in removed_fields to drop it on purpose"));
            }
          }
        }
        current.put(slot, version);
        all.putIfAbsent(version.id(), version);
        registered.add(version);
      }
      if (!dropped.isEmpty()) {
        throw new BadRequestException(dropped);
      }
      return new Fragments(Map.copyOf(current), Map.copyOf(all));
    });
    return List.copyOf(registered);
  }

  static String slot(SchemaFragment.Kind kind, @Nullable String name) {
    return kind + ":" + (name == null ? "" : name);
  }

  /** Every problem of one declaration, with paths inside it ({@code fields[2].name}) after {@code prefix}. */
  static List<Violation> check(SchemaFragment fragment, String prefix) {
    List<Violation> violations = new ArrayList<>();
    String nameField = prefix + (fragment.kind() == SchemaFragment.Kind.CUSTOM_TYPE ? "subtype" : "app");
    if (fragment.kind() == SchemaFragment.Kind.TENANT) {
      if (fragment.name() != null) {
        violations.add(Violation.valueNotPermitted(prefix + "subtype", "is not allowed: the tenant fragment has no name"));
      }
    } else if (fragment.name() == null) {
      violations.add(Violation.missingRequiredField(nameField));
    } else if (!isName(fragment.name())) {
      violations.add(Violation.valueNotPermitted(nameField, nameRule(fragment.name())));
    } else if (fragment.kind() == SchemaFragment.Kind.APP && RESERVED_APPS.contains(fragment.name())) {
      violations.add(Violation.valueNotPermitted(nameField, "must not be '" + fragment.name()
          + "': tnt__ and ctype__ are the prefixes of tenant and subtype fields"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < fragment.fields().size(); i++) {
      CustomField field = fragment.fields().get(i);
      String path = prefix + "fields[" + i + "]";
      if (field == null) {
        violations.add(Violation.valueNotPermitted(path, "must not be null"));
        continue;
      }
      if (!isName(field.name())) {
        violations.add(Violation.valueNotPermitted(path + ".name", nameRule(field.name())));
      } else if (!names.add(field.name())) {
        violations.add(Violation.valueNotPermitted(path + ".name", "declares '" + field.name() + "' a second time"));
      }
      if (field.type() == FieldType.ENUM) {
        if (field.allowedValues().isEmpty()) {
          violations.add(Violation.missingRequiredField(path + ".allowed_values"));
        }
        Set<String> values = new HashSet<>();
        for (int j = 0; j < field.allowedValues().size(); j++) {
          String value = field.allowedValues().get(j);
          String valuePath = path + ".allowed_values[" + j + "]";
          String problem = value == null ? "must not be null" : TextValidator.problem(value, 256, true);
          if (problem != null) {
            violations.add(Violation.valueNotPermitted(valuePath, problem));
          } else if (!values.add(value)) {
            violations.add(Violation.valueNotPermitted(valuePath, "repeats '" + value + "'"));
          }
        }
      } else if (!field.allowedValues().isEmpty()) {
        violations.add(Violation.valueNotPermitted(path + ".allowed_values", "is only for enum fields, not " + field.type()));
      }
    }
    for (String removed : fragment.removedFields()) {
      if (names.contains(removed)) {
        violations.add(Violation.valueNotPermitted(prefix + "removed_fields",
            "names '" + removed + "', which the fragment declares"));
      }
    }
    return violations;
  }

  private static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("__");
  }

  private static String nameRule(String name) {
    return "must match [a-z][a-z0-9_]* (at most 64 characters, no '__'), got '" + name + "'";
  }

  /** The id of a declaration: a digest of its content, so equal declarations have equal ids. */
  private String id(String tenant, SchemaFragment fragment) {
    StringBuilder canonical = new StringBuilder().append(fragment.kind()).append('\n')
        .append(fragment.name() == null ? "" : fragment.name()).append('\n');
    fragment.fields().stream().sorted(Comparator.comparing(CustomField::name)).forEach(f -> canonical
        .append(f.name()).append(' ').append(f.type()).append(f.array() ? "[]" : "")
        .append(f.isRequired() ? " required" : "").append(' ').append(f.allowedValues()).append('\n'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      String key = java.util.HexFormat.of().formatHex(digest, 0, 8);
      return ids.coreDon(tenant, fragment.kind().toString(), key);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
