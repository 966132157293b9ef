/**
 * The contract kit: a store's test extends {@link dev.incidents.tck.IncidentStoreTck}; each rule it checks is
 * listed in {@link dev.incidents.tck.IncidentStoreRules}.
 */
@NullMarked
package dev.incidents.tck;

import org.jspecify.annotations.NullMarked;
