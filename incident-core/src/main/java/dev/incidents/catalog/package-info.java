/**
 * Catalogs of numeric fields ({@code severity}, {@code reported_by}, {@code source}, {@code impact.count})
 * and the stage diagram, with the defaults of docs/CONTRACT.md section 4. A host application replaces them through
 * {@link dev.incidents.Incidents.Builder}.
 */
@NullMarked
package dev.incidents.catalog;

import org.jspecify.annotations.NullMarked;
