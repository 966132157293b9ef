/**
 * Custom schema fragments (docs/CONTRACT.md section 5): declare a tenant's custom fields in JSON or with
 * {@link dev.incidents.schema.SchemaFragment}, and register them with the service's
 * {@link dev.incidents.schema.SchemaRegistry}. See docs/CUSTOMIZATION.md.
 */
@NullMarked
package dev.incidents.schema;

import org.jspecify.annotations.NullMarked;
