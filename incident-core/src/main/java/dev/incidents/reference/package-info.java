/**
 * Ids and the reference resolver SPI: the service turns display ids and DONs into
 * {@link dev.incidents.reference.Reference}s of an {@link dev.incidents.reference.ObjectType}; a host
 * application plugs in a {@link dev.incidents.reference.ReferenceResolver} to check that they exist and to
 * name them.
 */
@NullMarked
package dev.incidents.reference;

import org.jspecify.annotations.NullMarked;
