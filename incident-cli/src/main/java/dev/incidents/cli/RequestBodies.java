package dev.incidents.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of the API that the command line builds from its options, so that the library checks them
 * and answers exactly as it answers the same body over HTTP.
 */
final class RequestBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestBodies() {}

  /** {@code {"id": id}}. */
  static byte[] id(String id) {
    return bytes(MAPPER.createObjectNode().put("id", id));
  }

  /** A new object to fill. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Adds {@code values} as an array: each value that is a decimal integer as a number, every other one as a
   * string, so that the library reports a wrong type as it would in a body.
   */
  static void array(ObjectNode body, String field, List<String> values, boolean numbers) {
    if (values == null || values.isEmpty()) {
      return;
    }
    ArrayNode array = body.putArray(field);
    for (String value : values) {
      if (numbers && value.matches("-?[0-9]{1,18}")) {
        array.add(Long.parseLong(value));
      } else {
        array.add(value);
      }
    }
  }

  /** Adds {@code {"type": "range", "after": after, "before": before}} when either is given. */
  static void range(ObjectNode body, String field, String after, String before) {
    if (after == null && before == null) {
      return;
    }
    ObjectNode range = body.putObject(field).put("type", "range");
    if (after != null) {
      range.put("after", after);
    }
    if (before != null) {
      range.put("before", before);
    }
  }

  static byte[] bytes(ObjectNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
