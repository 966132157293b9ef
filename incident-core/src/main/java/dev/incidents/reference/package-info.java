/**
 * Ids and the reference resolver SPI: {@link dev.incidents.reference.ReferenceParser} turns display ids
 * and DONs into {@link dev.incidents.reference.Reference}s; a host application plugs in a
 * {@link dev.incidents.reference.ReferenceResolver} to check that they exist and to name them.
 */
package dev.incidents.reference;
