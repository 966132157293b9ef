/**
 * Bean Validation constraints used on the request records for single-field rules. Cross-field, catalog,
 * reference and permission rules are checked by the service; every violation of both kinds is reported
 * together (see {@link dev.incidents.IncidentService#validate}).
 */
@NullMarked
package dev.incidents.validation;

import org.jspecify.annotations.NullMarked;
