package dev.incidents.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Timestamps;
import dev.incidents.internal.Violations;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the contract's JSON: requests, incidents, pages and error bodies. Requests are read
 * strictly (docs/CONTRACT.md section 1); responses are written with absent fields omitted and timestamps as
 * {@code YYYY-MM-DDTHH:MM:SS.sssZ}, and read back tolerantly (unknown fields are ignored, as an API client
 * should). All methods are thread-safe. Bytes are UTF-8.
 *
 * <p>A host application that serves HTTP needs none of this: {@code dev.incidents.JsonEndpoint} does the whole
 * exchange. This class is for the pieces: tests, clients, tools and stores that look inside documents.
 */
public final class IncidentJson {

  /** The largest request body accepted: 1 MiB. A larger one is a {@code parse_error}. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private IncidentJson() {}

  /**
   * Reads a create request field by field, collecting every structural problem instead of throwing at the
   * first: for callers that report them together with the service's rule violations, as
   * {@code JsonEndpoint} does.
   *
   * @throws BadRequestException with one {@code parse_error} if the body is not JSON at all (malformed, over
   *     1 MiB, nested deeper than 32, duplicate keys)
   */
  public static BoundRequest<IncidentCreateRequest> bindCreateRequest(byte[] body) {
    return RequestBinder.bind(body);
  }

  /**
   * Reads an update request ({@code incidents.update}) field by field, as {@link #bindCreateRequest}: an absent
   * field is kept, {@code null} clears it, id lists come in the API's {@code {"set": [...]}}.
   *
   * @throws BadRequestException with one {@code parse_error} if the body is not JSON at all
   */
  public static BoundRequest<IncidentUpdateRequest> bindUpdateRequest(byte[] body) {
    return UpdateBinder.bind(body);
  }

  /**
   * Reads a list request ({@code POST incidents.list}) field by field: filters, {@code sort_by}, {@code cursor},
   * {@code limit}.
   *
   * @throws BadRequestException with one {@code parse_error} if the body is not JSON at all
   */
  public static BoundRequest<ListRequest> bindListRequest(byte[] body) {
    return ListBinder.bind(body);
  }

  /**
   * Reads a body that names one incident, {@code {"id": "..."}}, as {@code incidents.get} and
   * {@code incidents.delete} take it.
   *
   * @return the id as given
   * @throws BadRequestException if the body is not such an object (every problem is listed)
   */
  public static String readIdRequest(byte[] body) {
    return IdBinder.bind(body);
  }

  /**
   * Reads a create request.
   *
   * <p>This checks the JSON itself (syntax, limits, duplicate keys, unknown fields, JSON types, date
   * syntax, int64 range); the service checks the rules. To report both kinds together, as the contract
   * asks, use {@link #bindCreateRequest} and the service's {@code validate}.
   *
   * @throws BadRequestException listing every structural problem found
   */
  public static IncidentCreateRequest readCreateRequest(byte[] body) {
    BoundRequest<IncidentCreateRequest> bound = RequestBinder.bind(body);
    if (!bound.problems().isEmpty()) {
      throw IncidentException.of(Violations.ordered(bound.problems()));
    }
    return bound.request();
  }

  /** As {@link #readCreateRequest(byte[])}, from a string. */
  public static IncidentCreateRequest readCreateRequest(String body) {
    return readCreateRequest(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a create request canonically: fields in the order of docs/CONTRACT.md section 1, custom field keys sorted, dates
   * in UTC milliseconds; equal requests give equal bytes.
   */
  public static byte[] writeCreateRequest(IncidentCreateRequest request) {
    return write(JsonMappers.CANONICAL_WRITER, request);
  }

  /**
   * Reads custom schema fragment declarations (docs/CONTRACT.md section 5): one JSON object, or an array of them.
   * {@link dev.incidents.schema.SchemaRegistry#register(String, byte[])} reads and registers in one step.
   *
   * @throws BadRequestException listing every structural problem, with paths such as
   *     {@code [1].fields[0].field_type}
   */
  public static List<dev.incidents.schema.SchemaFragment> readSchemaFragments(byte[] json) {
    return FragmentBinder.bind(json);
  }

  /** Writes the response body of create and get: {@code {"incident": {...}}}. */
  public static byte[] writeIncident(Incident incident) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator gen = JsonMappers.MAPPER.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("incident");
      JsonMappers.WRITER.writeValue(gen, incident);
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The response body of create and get, {@code {"incident": ...}}, around a document
   * {@link #writeIncidentObject} wrote: the same bytes as {@link #writeIncident} of that incident, without
   * serializing it again.
   */
  public static byte[] wrapIncidentDocument(byte[] document) {
    byte[] body = new byte[INCIDENT_OPEN.length + document.length + 1];
    System.arraycopy(INCIDENT_OPEN, 0, body, 0, INCIDENT_OPEN.length);
    System.arraycopy(document, 0, body, INCIDENT_OPEN.length, document.length);
    body[body.length - 1] = '}';
    return body;
  }

  private static final byte[] INCIDENT_OPEN = "{\"incident\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /**
   * The payload of an {@code incident_created} event (docs/CONTRACT.md section 13) as a store keeps it: the
   * webhook shape without {@code sequence}, which the store gives; {@link #eventWithSequence} completes it.
   *
   * @param document the incident object as {@link #writeIncidentObject} wrote it, copied in as it is
   */
  public static byte[] createdEvent(String eventId, Instant timestamp, String tenant, byte[] document) {
    return event(eventId, CREATED, timestamp, tenant, new Member(INCIDENT, document));
  }

  /** The payload of an {@code incident_updated} event: the incident after the change and before it. */
  public static byte[] updatedEvent(String eventId, Instant timestamp, String tenant, byte[] document,
      byte[] oldDocument) {
    return event(eventId, UPDATED, timestamp, tenant, new Member(INCIDENT, document),
        new Member(OLD_INCIDENT, oldDocument));
  }

  /** The payload of an {@code incident_deleted} event: the incident's id and the incident as it was. */
  public static byte[] deletedEvent(String eventId, Instant timestamp, String tenant, String incidentId,
      byte[] oldDocument) {
    return event(eventId, DELETED, timestamp, tenant, new Member(ID, quoted(incidentId)),
        new Member(OLD_INCIDENT, oldDocument));
  }

  /** An event as delivered: its stored payload with the {@code sequence} the store gave it. */
  public static byte[] eventWithSequence(byte[] payload, long sequence) {
    int end = payload.length - 1;
    while (end >= 0 && payload[end] != '}') {
      end--;
    }
    if (end < 1) {
      throw new IllegalArgumentException("not an event payload: it does not end with an object");
    }
    byte[] field = (",\"sequence\":" + sequence + "}").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[end + field.length];
    System.arraycopy(payload, 0, out, 0, end);
    System.arraycopy(field, 0, out, end, field.length);
    return out;
  }

  private static final byte[] ID = quoted("id");
  private static final byte[] TYPE = quoted("type");
  private static final byte[] TIMESTAMP = quoted("timestamp");
  private static final byte[] TENANT = quoted("tenant");
  private static final byte[] INCIDENT = quoted("incident");
  private static final byte[] OLD_INCIDENT = quoted("old_incident");
  private static final byte[] CREATED = quoted("incident_created");
  private static final byte[] UPDATED = quoted("incident_updated");
  private static final byte[] DELETED = quoted("incident_deleted");
  private static final byte[] OPEN = {'{'};

  /** An object member: its name and its value, both JSON already. */
  private record Member(byte[] name, byte[] value) {
    int length() {
      return name.length + 1 + value.length;
    }
  }

  /**
   * {@code {"id", "type", "timestamp", "tenant", "<type>": {body}}}, assembled in one array of its exact size.
   * Every event carries whole documents, which are JSON already: writing them through a generator would decode
   * and encode them again (about a fifth of a create's allocation), so only the short strings are escaped
   * here, by Jackson, and the documents are copied in as they are.
   */
  private static byte[] event(String eventId, byte[] type, Instant timestamp, String tenant, Member... body) {
    Member[] head = {new Member(ID, quoted(eventId)), new Member(TYPE, type),
        new Member(TIMESTAMP, quoted(Timestamps.format(timestamp))), new Member(TENANT, quoted(tenant))};
    // '{', a comma after each head member, '"<type>":{', the commas between body members, "}}".
    int length = 1 + head.length + type.length + 2 + body.length - 1 + 2;
    for (Member member : head) {
      length += member.length();
    }
    for (Member member : body) {
      length += member.length();
    }
    byte[] out = new byte[length];
    int at = 0;
    out[at++] = '{';
    for (Member member : head) {
      at = put(out, at, member);
      out[at++] = ',';
    }
    at = put(out, at, new Member(type, OPEN));
    for (int i = 0; i < body.length; i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      at = put(out, at, body[i]);
    }
    out[at++] = '}';
    out[at++] = '}';
    return out;
  }

  private static int put(byte[] out, int at, Member member) {
    System.arraycopy(member.name(), 0, out, at, member.name().length);
    at += member.name().length;
    out[at++] = ':';
    System.arraycopy(member.value(), 0, out, at, member.value().length);
    return at + member.value().length;
  }

  /**
   * A JSON string of {@code value}, escaped as Jackson's generators escape it, except that a character above
   * the Basic Multilingual Plane is written as its UTF-8 rather than as two escapes (the same string).
   */
  private static byte[] quoted(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] out = new byte[escaped.length + 2];
    out[0] = '"';
    System.arraycopy(escaped, 0, out, 1, escaped.length);
    out[out.length - 1] = '"';
    return out;
  }

  /** Reads a response body of create or get, {@code {"incident": {...}}}. */
  public static Incident readIncident(byte[] body) {
    JsonNode root = readTree(body);
    JsonNode incident = root.get("incident");
    if (incident == null || !incident.isObject()) {
      throw new IllegalArgumentException("not an incident response: no \"incident\" object");
    }
    return convert(incident, Incident.class);
  }

  /** Writes the incident object alone: the document stores keep. */
  public static byte[] writeIncidentObject(Incident incident) {
    return write(JsonMappers.WRITER, incident);
  }

  /**
   * Reads an incident object written by {@link #writeIncidentObject}.
   *
   * @throws IllegalArgumentException if the bytes are not an incident object
   */
  public static Incident readIncidentObject(byte[] document) {
    return convert(readTree(document), Incident.class);
  }

  /** Writes the response body of list: {@code {"incidents": [...], "next_cursor": "..."}}. */
  public static byte[] writePage(IncidentPage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator gen = JsonMappers.MAPPER.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeArrayFieldStart("incidents");
      for (Incident incident : page.incidents()) {
        JsonMappers.WRITER.writeValue(gen, incident);
      }
      gen.writeEndArray();
      if (page.nextCursor() != null) {
        gen.writeStringField("next_cursor", page.nextCursor());
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Reads a response body of list. */
  public static IncidentPage readPage(byte[] body) {
    JsonNode root = readTree(body);
    JsonNode incidents = root.get("incidents");
    if (incidents == null || !incidents.isArray()) {
      throw new IllegalArgumentException("not a list response: no \"incidents\" array");
    }
    List<Incident> list = new ArrayList<>(incidents.size());
    for (JsonNode incident : incidents) {
      list.add(convert(incident, Incident.class));
    }
    JsonNode cursor = root.get("next_cursor");
    return new IncidentPage(list, cursor == null || cursor.isNull() ? null : cursor.asText());
  }

  /**
   * Writes an error body: the first violation's fields at the top level, and every violation under
   * {@code violations}.
   */
  public static byte[] writeError(IncidentException error) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = JsonMappers.MAPPER.createGenerator(out)) {
      Violation first = error.violations().get(0);
      gen.writeStartObject();
      gen.writeStringField("type", first.type().wireName());
      gen.writeStringField("message", first.message());
      if (first.fieldName() != null) {
        gen.writeStringField("field_name", first.fieldName());
      }
      if (first.value() != null) {
        gen.writeFieldName("value");
        JsonMappers.WRITER.writeValue(gen, first.value());
      }
      if (first.allowedValues() != null) {
        gen.writeFieldName("allowed_values");
        JsonMappers.WRITER.writeValue(gen, first.allowedValues());
      }
      if (first.reason() != null) {
        gen.writeStringField("reason", first.reason());
      }
      gen.writeFieldName("violations");
      JsonMappers.WRITER.writeValue(gen, error.violations());
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads an error body back into the exception it describes.
   *
   * @throws IllegalArgumentException if the bytes are not an error body
   */
  public static IncidentException readError(byte[] body) {
    JsonNode root = readTree(body);
    JsonNode violations = root.get("violations");
    if (violations == null || !violations.isArray() || violations.isEmpty()) {
      throw new IllegalArgumentException("not an error body: no \"violations\" array");
    }
    List<Violation> list = new ArrayList<>();
    for (JsonNode violation : violations) {
      list.add(convert(violation, Violation.class));
    }
    return IncidentException.of(list);
  }

  /** The bytes as a JSON tree, for tools; throws {@code parse_error} as requests do. */
  static JsonNode readTree(byte[] body) {
    return RequestBinder.parse(body);
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JsonMappers.MAPPER.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code value} through a buffer this thread keeps between writes, then copies out exactly the bytes
   * written. {@code writeValueAsBytes} allocated more than twice the document on every call (its first block
   * is not recycled, and it grows and copies before the exact copy); a create writes a 2 KB document.
   */
  private static byte[] write(com.fasterxml.jackson.databind.ObjectWriter writer, Object value) {
    ScratchOutput out = ScratchOutput.take();
    try {
      writer.writeValue(out, value);
      return out.toByteArray();
    } catch (IOException e) {
      throw InternalErrorException.of("could not write " + value.getClass().getSimpleName() + " as JSON: "
          + e.getMessage(), e);
    } finally {
      out.giveBack();
    }
  }

  /**
   * An output stream over a growable array that a thread reuses from one write to the next. A write while the
   * thread's own is taken (a serializer that writes JSON itself) gets a fresh one; an array grown past
   * {@link #KEPT_BYTES} is dropped after its write, so a thread never holds more than that.
   */
  private static final class ScratchOutput extends OutputStream {
    private static final int KEPT_BYTES = 64 * 1024;
    private static final ThreadLocal<ScratchOutput> OWN = ThreadLocal.withInitial(ScratchOutput::new);

    private byte[] buffer = new byte[8 * 1024];
    private int count;
    private boolean taken;

    static ScratchOutput take() {
      ScratchOutput own = OWN.get();
      ScratchOutput out = own.taken ? new ScratchOutput() : own;
      out.taken = true;
      return out;
    }

    void giveBack() {
      count = 0;
      taken = false;
      if (buffer.length > KEPT_BYTES) {
        buffer = new byte[8 * 1024];
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      ensure(length);
      System.arraycopy(bytes, offset, buffer, count, length);
      count += length;
    }

    private void ensure(int more) {
      if (buffer.length - count < more) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, Math.addExact(count, more)));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, count);
    }
  }
}
