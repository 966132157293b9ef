/**
 * Events: every stored create, update and delete announced in the API's webhook shape (docs/CONTRACT.md
 * section 13). {@link dev.incidents.events.IncidentEvents}, from {@code IncidentService.events()}, opens
 * durable consumers that receive each tenant's events in {@code sequence} order, at least once, and resume
 * after their last acknowledgement.
 */
package dev.incidents.events;
