/**
 * The public API: {@link dev.incidents.Incidents} builds an {@link dev.incidents.IncidentService} over a
 * store; every call carries a {@link dev.incidents.model.RequestContext}.
 *
 * <p>Packages: this one, {@code model}, {@code error}, {@code json}, {@code catalog}, {@code reference},
 * {@code validation} and {@code memory} are the public API. {@code spi} is for store plugin authors and
 * may evolve faster. {@code internal} carries no compatibility promise.
 */
@NullMarked
package dev.incidents;

import org.jspecify.annotations.NullMarked;
