package dev.incidents.schema;

/**
 * A version of a fragment a tenant registered.
 *
 * @param id {@code don:core:<partition>:devo/<tenant>:<kind>/<key>}, where {@code <key>} is derived from
 *     the declaration's content: registering the same declaration again gives the same id, a changed one a
 *     new id (a new version)
 * @param fragment the declaration
 */
public record RegisteredFragment(String id, SchemaFragment fragment) {}
