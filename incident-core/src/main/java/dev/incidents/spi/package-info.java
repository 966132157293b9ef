/**
 * The storage SPI: what a store plugin implements ({@link dev.incidents.spi.IncidentStore}) and how it is
 * discovered from a URL ({@link dev.incidents.spi.IncidentStoreProvider}). This package may evolve faster
 * than the public API; plugin authors check themselves with {@code incident-tck}.
 */
@NullMarked
package dev.incidents.spi;

import org.jspecify.annotations.NullMarked;
