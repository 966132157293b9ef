package dev.incidents.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into a JSON tree, or throws one {@code parse_error} that says in the contract's words
 * what is wrong and what is allowed: never a name of the JSON library, its classes or its settings.
 *
 * <p>The tree is built token by token from the strict parser of {@link JsonMappers} (duplicate keys, depth and
 * number length are the parser's checks) rather than by the library's tree reader, for two reasons: content
 * after the value is reported here, in these words; and a number with a fraction or an exponent keeps the text
 * it was sent as ({@link NumberLiteral}), so an integer field sent {@code 1E0}, {@code -0.0} or {@code 1e400}
 * is described as exactly that, which a double cannot tell.
 */
final class BodyReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** The most characters of a number shown in a message; longer ones are cut in the middle. */
  private static final int SHOWN_NUMBER_CHARS = 40;

  private BodyReader() {}

  /** Parses a body into a tree, or throws one {@code parse_error}. */
  static JsonNode read(byte[] body) {
    if (body.length > JsonMappers.MAX_BODY_BYTES) {
      throw BadRequestException.of(Violation.parseError(null,
          "the body is " + body.length + " bytes; at most " + JsonMappers.MAX_BODY_BYTES + " (1 MiB) are accepted"));
    }
    try (JsonParser parser = JsonMappers.MAPPER.createParser(body)) {
      try {
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw BadRequestException.of(Violation.parseError(null, "the body is empty; expected a JSON object"));
        }
        JsonNode root = value(parser, first);
        if (parser.nextToken() != null) {
          throw BadRequestException.of(Violation.parseError(null, "the body goes on after its JSON value"
              + at(parser.currentTokenLocation()) + "; a body is exactly one JSON object"));
        }
        return root;
      } catch (JsonProcessingException e) {
        throw BadRequestException.of(violation(e, parser));
      }
    } catch (IOException e) {
      // Reading bytes in memory fails only with the parser's own exceptions, handled above.
      throw BadRequestException.of(Violation.parseError(null, "the body could not be read"));
    }
  }

  /** The value that starts with {@code token}, read to its end. Depth is bounded by the parser (32). */
  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(value(parser, next));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return new NumberLiteral(parser.getDoubleValue(), parser.getText());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // The parser reports every other token as an error before it gets here.
        throw new IllegalStateException("unexpected token " + token);
    }
  }

  /**
   * A number written with a fraction or an exponent: its value as a double, as the library's tree reader would
   * have it, and the text it was sent as, for messages.
   */
  static final class NumberLiteral extends DoubleNode {
    private static final long serialVersionUID = 1L;

    private final String text;

    NumberLiteral(double value, String text) {
      super(value);
      this.text = text;
    }

    /**
     * What this number is, for a message about a field that wanted an integer or no number at all: the text
     * as sent, and why it is not an integer, or what to write instead.
     */
    String describe() {
      String shown = shown(text);
      BigDecimal exact;
      try {
        exact = new BigDecimal(text);
      } catch (NumberFormatException e) {
        // An exponent beyond the range of an int: neither an int64 nor a double holds it.
        return shown + ", a number far beyond the range of any number type";
      }
      boolean exponent = text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
      BigDecimal stripped = exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
      if (stripped.scale() > 0) {
        String kind = exponent ? ", a number with an exponent and a fraction" : ", a number with a fraction";
        return shown + kind + (_value == 0.0 ? " (and too close to zero for a 64-bit floating-point number)" : "");
      }
      // An integer in value: the way it is written is the problem, unless it is too large anyway.
      if (stripped.precision() - stripped.scale() > 19 || !fitsInLong(stripped)) {
        return shown + (exponent ? ", a number with an exponent" : ", a number with a decimal point")
            + ", beyond the range of a signed 64-bit integer"
            + (Double.isFinite(_value) ? "" : " and of a 64-bit floating-point number");
      }
      return shown + ", an integer written with " + (exponent ? "an exponent" : "a decimal point")
          + " (integers are written in plain digits: " + stripped.toBigInteger() + ")";
    }

    private static boolean fitsInLong(BigDecimal integral) {
      try {
        integral.longValueExact();
        return true;
      } catch (ArithmeticException e) {
        return false;
      }
    }
  }

  /** A number's text for a message: whole when short, else its start and end and its length. */
  static String shown(String number) {
    if (number.length() <= SHOWN_NUMBER_CHARS) {
      return number;
    }
    return number.substring(0, 16) + "..." + number.substring(number.length() - 8) + " (" + number.length()
        + " characters)";
  }

  /** The field path where the parser stopped, such as {@code tags[1].tag_id}, or null at the root. */
  private static @Nullable String pathOf(JsonParser parser) {
    return pathOf(parser.getParsingContext());
  }

  private static @Nullable String pathOf(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext ctx = context; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
      if (ctx.inObject() && ctx.getCurrentName() != null) {
        parts.add(0, "." + ctx.getCurrentName());
      } else if (ctx.inArray()) {
        parts.add(0, "[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? null : path.startsWith(".") ? path.substring(1) : path;
  }

  private static final Pattern FIRST_NUMBER = Pattern.compile("\\((\\d+)");
  private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'");
  private static final Pattern SOURCE = Pattern.compile(
      "\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
  /** Advice to change a setting of the JSON library, which a client of this API cannot follow. */
  private static final Pattern LIBRARY_ADVICE = Pattern.compile(
      "(?:[:;,]? *(?:or )?enable `[^`]*` to allow| \\(not recognized as one since Feature '[^']*' not enabled for parser\\))");
  private static final Map<String, String> TOKENS = Map.ofEntries(
      Map.entry("START_OBJECT", "'{'"), Map.entry("END_OBJECT", "'}'"), Map.entry("START_ARRAY", "'['"),
      Map.entry("END_ARRAY", "']'"), Map.entry("FIELD_NAME", "a field name"), Map.entry("VALUE_STRING", "a string"),
      Map.entry("VALUE_NUMBER_INT", "a number"), Map.entry("VALUE_NUMBER_FLOAT", "a number"),
      Map.entry("VALUE_TRUE", "true"), Map.entry("VALUE_FALSE", "false"), Map.entry("VALUE_NULL", "null"),
      Map.entry("VALUE_EMBEDDED_OBJECT", "a value"), Map.entry("NOT_AVAILABLE", "a value"));
  private static final Pattern TOKEN = Pattern.compile("\\b(" + String.join("|", TOKENS.keySet()) + ")\\b");

  /**
   * What the parser found wrong, in the contract's words, with where: the field it was reading, except for
   * nesting too deep, which is the body's shape rather than one field's value.
   */
  static Violation violation(JsonProcessingException e, JsonParser parser) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String field = original.startsWith("Document nesting depth") ? null
        // The context still names the field before the long name: the object holding both is where it is.
        : original.startsWith("Name length") ? pathOf(parser.getParsingContext().getParent())
        : pathOf(parser);
    return Violation.parseError(field, message(e, original, field));
  }

  private static String message(JsonProcessingException e, String original, @Nullable String field) {
    if (e instanceof StreamConstraintsException) {
      return limit(original, field);
    }
    String where = at(e.getLocation());
    Matcher nonStandard = NON_STANDARD.matcher(original);
    if (nonStandard.find()) {
      return "the body is not valid JSON: " + nonStandard.group(1) + " is not a JSON value (JSON numbers are "
          + "finite decimals such as 1, -2.5 or 1e3; there is no NaN or Infinity)" + where;
    }
    if (original.contains("plus sign")) {
      return "the body is not valid JSON: a number may not start with '+' (write 1, not +1)" + where;
    }
    if (original.contains("comment")) {
      return "the body is not valid JSON: JSON has no comments" + where;
    }
    return "the body is not valid JSON: " + plain(original) + where;
  }

  /** A parser message with the library's vocabulary taken out; the parser's own wording is otherwise plain. */
  private static String plain(String original) {
    String text = LIBRARY_ADVICE.matcher(original).replaceAll("");
    text = SOURCE.matcher(text).replaceAll("line $1, column $2");
    Matcher token = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (token.find()) {
      token.appendReplacement(out, Matcher.quoteReplacement(TOKENS.get(token.group(1))));
    }
    token.appendTail(out);
    text = out.toString().replace("Unexpected end-of-input in a string", "the body ends inside a string")
        .replace("Unexpected end-of-input", "the body ends too early");
    // Whatever a future version of the parser says, a setting of the library never reaches a client.
    if (text.contains("`") || text.contains("Feature") || text.toLowerCase(Locale.ROOT).contains("jackson")) {
      return "it breaks the JSON syntax";
    }
    return text;
  }

  /** A limit of the parser: its subject, the size found, and the most allowed. */
  private static String limit(String original, @Nullable String field) {
    Matcher number = FIRST_NUMBER.matcher(original);
    String found = number.find() ? number.group(1) : null;
    String subject = field == null ? "the body" : field;
    if (original.startsWith("Document nesting depth")) {
      return "the body nests arrays and objects " + (found == null ? "too" : found) + " levels deep; at most "
          + JsonMappers.MAX_DEPTH + " are accepted";
    }
    if (original.startsWith("Number value length")) {
      return subject + " is a number of " + (found == null ? "too many" : found) + " characters; at most "
          + JsonMappers.MAX_NUMBER_CHARS + " are accepted";
    }
    if (original.startsWith("Name length")) {
      return subject + " has a field name of " + (found == null ? "too many" : found) + " characters; at most "
          + JsonMappers.MAX_NAME_CHARS + " are accepted";
    }
    if (original.startsWith("String value length")) {
      return subject + " has a string of " + (found == null ? "too many" : found) + " characters; the body may be "
          + "at most 1 MiB";
    }
    return "the body exceeds a limit of the accepted JSON: at most " + JsonMappers.MAX_BODY_BYTES + " bytes (1 MiB), "
        + JsonMappers.MAX_DEPTH + " levels of nesting, numbers of " + JsonMappers.MAX_NUMBER_CHARS
        + " characters and field names of " + JsonMappers.MAX_NAME_CHARS + " characters";
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
