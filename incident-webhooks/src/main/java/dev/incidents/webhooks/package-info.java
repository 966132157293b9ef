/**
 * Webhooks: {@link dev.incidents.webhooks.WebhookEndpoints} registers endpoints per tenant,
 * {@link dev.incidents.webhooks.WebhookRelay} delivers events to them, {@link dev.incidents.webhooks.DeadEvents}
 * lists and replays the events whose delivery gave up, and {@link dev.incidents.webhooks.WebhookSignatures}
 * signs and verifies deliveries as the Standard Webhooks specification does.
 */
@NullMarked
package dev.incidents.webhooks;

import org.jspecify.annotations.NullMarked;
