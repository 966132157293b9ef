package dev.incidents.schema;

import dev.incidents.error.BadRequestException;
import java.util.List;
import java.util.Optional;

/**
 * The custom schema fragments of each tenant: {@link dev.incidents.IncidentService#schemas()}. Thread-safe;
 * registration may happen at any time, also while creates run (a create uses the versions current when it
 * is checked).
 *
 * <p>Fragments are immutable. Registering a declaration that differs from the current one of the same kind
 * and name makes a new version, which becomes current; incidents keep the ids of the versions they were
 * created with ({@code custom_schema_fragments}). Registering the same declaration again changes nothing
 * and returns the same id, so a host can register its declarations at every start-up. Registrations live as
 * long as the service: register at start-up.
 */
public interface SchemaRegistry {

  /**
   * Registers one fragment for a tenant.
   *
   * @return the registered version
   * @throws BadRequestException listing every problem of the declaration (names, types, allowed values,
   *     a field dropped without {@code removedFields}); nothing is registered then
   */
  RegisteredFragment register(String tenant, SchemaFragment fragment);

  /**
   * Registers the fragments of a JSON declaration: one object, or an array of them, in the shape of docs/CONTRACT.md
   * section 5. All or nothing.
   *
   * @return the registered versions, in order
   * @throws BadRequestException listing every problem, with paths such as {@code [1].fields[0].field_type}
   */
  List<RegisteredFragment> register(String tenant, byte[] json);

  /** The current version of every fragment of a tenant. */
  List<RegisteredFragment> current(String tenant);

  /** Any version a tenant registered, current or not, by id. */
  Optional<RegisteredFragment> find(String tenant, String id);
}
