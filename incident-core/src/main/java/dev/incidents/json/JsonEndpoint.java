package dev.incidents.json;

import dev.incidents.IncidentService;
import java.util.List;

/**
 * The service over JSON, for host applications that expose it over HTTP: every method takes the call as
 * it arrives (strings and bytes) and returns the status and body to send. Nothing is thrown for a bad
 * call, a rejected request or a failing store: each becomes an error body (docs/CONTRACT.md section 6). A create
 * with several problems lists them all, structural ones (wrong JSON type, unknown field) together with
 * rule violations.
 *
 * <pre>{@code
 * JsonEndpoint endpoint = service.json();
 * JsonReply reply = endpoint.create(tenant, actor, requestBodyBytes, request.header("Idempotency-Key"));
 * response.status(reply.status()).contentType("application/json").body(reply.body());
 * }</pre>
 *
 * <p>Thread-safe when the service is.
 */
public interface JsonEndpoint {

  /**
   * {@code incidents.create}: answers 201 and {@code {"incident": {...}}}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param body the request body, UTF-8 JSON
   * @param idempotencyKey the idempotency key, or {@code null}
   */
  JsonReply create(String tenant, String actor, byte[] body, String idempotencyKey);

  /**
   * Several creates, each answered as {@link #create} would answer it, that the store may commit together
   * (a batch at a time): the way to import many incidents fast. A rejected body does not stop the others.
   * If the store fails, the bodies it had not committed are answered 503 and no later body is attempted.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param bodies the request bodies, UTF-8 JSON
   * @param idempotencyKeys one key (or {@code null}) per body, or {@code null} for no keys at all
   * @return one reply per body, in order
   */
  List<JsonReply> createAll(String tenant, String actor, List<byte[]> bodies, List<String> idempotencyKeys);

  /**
   * {@code get}: answers 200 and {@code {"incident": {...}}}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param id the incident's DON or display id ({@code INC-n})
   */
  JsonReply get(String tenant, String actor, String id);

  /**
   * {@code list}: answers 200 and {@code {"incidents": [...], "next_cursor": "..."}}, newest first.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param limit the page size as sent (a decimal from 1 to 1000), or {@code null} for 50
   * @param cursor the {@code next_cursor} of the previous page, or {@code null} for the first page
   */
  JsonReply list(String tenant, String actor, String limit, String cursor);

  /** The endpoint of a service. */
  static JsonEndpoint of(IncidentService service) {
    return new DefaultJsonEndpoint(service);
  }
}
