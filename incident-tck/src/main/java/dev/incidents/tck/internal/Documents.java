package dev.incidents.tck.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Documents for the rules that call the SPI directly, and the comparison the SPI allows: a store may
 * normalize a document as JSON (key order, white space) but must not change what it says.
 */
public final class Documents {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Documents() {}

  /** A small UTF-8 JSON document that names its number and carries {@code text}. */
  public static byte[] render(String tenant, long number, String text) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("display_id", "INC-" + number);
    node.put("tenant", tenant);
    node.put("title", text);
    node.putArray("numbers").add(number).add(-number).add(0.5);
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON document", e);
    }
  }

  /** Whether two documents say the same as JSON (or are byte-equal when either is not JSON). */
  public static boolean sameJson(byte @Nullable [] expected, byte @Nullable [] actual) {
    if (Arrays.equals(expected, actual)) {
      return true;
    }
    if (expected == null || actual == null) {
      return false;
    }
    JsonNode e = tree(expected);
    JsonNode a = tree(actual);
    return e != null && e.equals(a);
  }

  private static @Nullable JsonNode tree(byte[] document) {
    try {
      return MAPPER.readTree(document);
    } catch (IOException e) {
      return null;
    }
  }

  /** The document as text, abbreviated, for messages. */
  public static String show(byte @Nullable [] document) {
    return document == null ? "null" : Text.escape(Text.abbreviate(new String(document, StandardCharsets.UTF_8), 400));
  }
}
