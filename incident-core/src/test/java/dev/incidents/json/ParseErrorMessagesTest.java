package dev.incidents.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.testing.Theories;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Messages about malformed bodies speak the contract's language: what is wrong, where, and what is allowed,
 * never a class, a feature or a setting of the JSON library underneath.
 */
class ParseErrorMessagesTest {

  /** Words of the JSON library that a client cannot act on, and that must never reach one. */
  private static final List<String> LIBRARY_WORDS = List.of("com.fasterxml", "jackson", "feature", "streamreadconstraints",
      "jsonnode", "`", "value_", "start_object", "start_array", "end_object", "end_array", "field_name", "getmax",
      "redacted", "source:", "not_available", "doublenode", "bound as", "deserializ");

  private static Violation onlyViolation(String body) {
    return onlyViolation(body.getBytes(StandardCharsets.UTF_8));
  }

  private static Violation onlyViolation(byte[] body) {
    IncidentException e = catchThrowableOfType(BadRequestException.class, () -> IncidentJson.readCreateRequest(body));
    assertThat(e).as("a rejection of %s", new String(body, StandardCharsets.UTF_8)).isNotNull();
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      {"title": "t", "severity": NaN}       | severity | NaN is not a JSON value (JSON numbers are finite decimals such as 1, -2.5 or 1e3; there is no NaN or Infinity) (line 1, column 31)
      {"title": "t", "severity": Infinity}  | severity | Infinity is not a JSON value
      {"title": "t", "severity": -Infinity} | severity | -Infinity is not a JSON value
      {"title": "t", "severity": +1}        | severity | a number may not start with '+' (write 1, not +1) (line 1, column 29)
      {"title": "t"} // a comment           |          | JSON has no comments (line 1, column 16)
      /* a comment */ {"title": "t"}        |          | JSON has no comments (line 1, column 1)
      {"title": "t"} {"title": "u"}         |          | the body goes on after its JSON value (line 1, column 16); a body is exactly one JSON object
      {"title": "t"} 2                      |          | the body goes on after its JSON value (line 1, column 16)
      {"title": "t"]                        | title    | Unexpected close marker ']': expected '}' (for Object starting at line 1, column 1) (line 1, column 14)
      {"title": "t                          | title    | the body ends inside a string
      {"title": "t",                        | title    | the body ends too early
      """)
  void syntaxErrorsSayWhatIsWrongAndWhere(String body, String field, String message) {
    Violation violation = onlyViolation(body);

    assertThat(violation.type()).isEqualTo(ErrorType.PARSE_ERROR);
    assertThat(violation.fieldName()).isEqualTo(field);
    assertThat(violation.message()).contains(message);
  }

  @Test
  void nestingTooDeepSaysHowDeepAndHowDeepIsAllowed() {
    Violation violation = onlyViolation("{\"custom_fields\": " + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}");

    assertThat(violation.fieldName()).as("the body's shape, not one field").isNull();
    assertThat(violation.message()).isEqualTo("the body nests arrays and objects 33 levels deep; at most 32 are accepted");
  }

  @Test
  void aHundredThousandDigitNumberIsToldItsLengthNotTheNestingOrTheBodySize() {
    Violation violation = onlyViolation("{\"title\": \"t\", \"severity\": " + "9".repeat(100_000) + "}");

    assertThat(violation.fieldName()).isEqualTo("severity");
    assertThat(violation.message()).isEqualTo("severity is a number of 100000 characters; at most 1000 are accepted");
  }

  @Test
  void aLongFieldNameIsToldItsLength() {
    Violation violation = onlyViolation("{\"title\": \"t\", \"" + "k".repeat(60_000) + "\": 1}");

    assertThat(violation.message()).isEqualTo("the body has a field name of 60000 characters; at most 50000 are accepted");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      1e400  | 1e400, a number with an exponent, beyond the range of a signed 64-bit integer and of a 64-bit floating-point number
      1E0    | 1E0, an integer written with an exponent (integers are written in plain digits: 1)
      2.5e1  | 2.5e1, an integer written with an exponent (integers are written in plain digits: 25)
      1e-400 | 1e-400, a number with an exponent and a fraction (and too close to zero for a 64-bit floating-point number)
      -0.0   | -0.0, an integer written with a decimal point (integers are written in plain digits: 0)
      3.0    | 3.0, an integer written with a decimal point (integers are written in plain digits: 3)
      1.5    | 1.5, a number with a fraction
      1.5E-3 | 1.5E-3, a number with an exponent and a fraction
      1e20   | 1e20, a number with an exponent, beyond the range of a signed 64-bit integer
      99999999999999999999.0 | 99999999999999999999.0, a number with a decimal point, beyond the range of a signed 64-bit integer
      1e2147483648 | 1e2147483648, a number far beyond the range of any number type
      """)
  void aNumberThatIsNotAnInt64SaysWhatItReallyIs(String number, String got) {
    Violation violation = onlyViolation("{\"title\": \"t\", \"severity\": " + number + "}");

    assertThat(violation.type()).isEqualTo(ErrorType.UNEXPECTED_JSON_TYPE);
    assertThat(violation.fieldName()).isEqualTo("severity");
    assertThat(violation.message()).isEqualTo("severity must be an integer (int64), got " + got);
  }

  @Test
  void aLongNumberIsShownCutInTheMiddle() {
    String number = "1." + "2".repeat(500);
    Violation fraction = onlyViolation("{\"title\": \"t\", \"severity\": " + number + "}");
    Violation overflow = onlyViolation("{\"title\": \"t\", \"severity\": " + "7".repeat(900) + "}");

    assertThat(fraction.message()).isEqualTo("severity must be an integer (int64), got 1.22222222222222...22222222 "
        + "(502 characters), a number with a fraction");
    assertThat(overflow.message()).isEqualTo("severity is 7777777777777777...77777777 (900 characters), which does not "
        + "fit in a signed 64-bit integer");
  }

  /** Hostile pieces: non-JSON tokens, stray structure, control and odd characters, broken UTF-8, limits. */
  private static final List<byte[]> HOSTILE = List.of("NaN", "Infinity", "-Infinity", "+1", "// c\n", "/*", "*/", "]",
      "}", "[", "{", ",", ":", "\"", "\\", "\\u12", "\\x", "\u0000", "\u0007", "\uFEFF", "\u00a0", "1e400", "1e-400",
      "-0.0", "1E0", "01", ".5", "1.", "1e", "-", "0x10", "'a'", "tru", "nul", "\"a\":1", "{\"a\":1}{", "[".repeat(40),
      "{\"a\":".repeat(40), "9".repeat(1_200), "\"" + "k".repeat(50_001) + "\":1", "\"title\":\"x\"", "\"severity\":",
      "\"custom_fields\":{", "\"tags\":[{", "null", "true", "\r\n", "\t", "é", "😀")
      .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  private static final List<byte[]> BROKEN_UTF8 = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc3},
      new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xfe, (byte) 0xff});
  private static final List<String> BASES = List.of("{\"title\": \"Checkout is down\", \"severity\": 1}",
      "{\"title\": \"t\", \"tags\": [{\"tag_id\": \"TAG-1\", \"value\": \"v\"}], \"impact\": {\"count\": 3}}",
      "{\"title\": \"t\", \"custom_fields\": {\"a\": [1, 2.5, {\"b\": null}], \"c\": \"d\"}}", "{}", "[]", "");

  /** One edit of a body: insert a hostile piece, or broken UTF-8, at a position, or cut the body there. */
  private record Edit(int kind, int piece, int position) {
    byte[] apply(byte[] body) {
      int at = Math.floorMod(position, body.length + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(body, 0, at);
      switch (kind) {
        case 0 -> out.writeBytes(HOSTILE.get(Math.floorMod(piece, HOSTILE.size())));
        case 1 -> out.writeBytes(BROKEN_UTF8.get(Math.floorMod(piece, BROKEN_UTF8.size())));
        default -> {
          return out.toByteArray(); // cut
        }
      }
      out.write(body, at, body.length - at);
      return out.toByteArray();
    }
  }

  private static final Gen<Edit> EDITS = integers().between(0, 5).zip(integers().all(), integers().all(),
      (kind, piece, position) -> new Edit(kind < 4 ? 0 : kind - 4 + 1, piece, position));
  private static final Gen<byte[]> HOSTILE_BODIES = Generate.pick(BASES).zip(lists().of(EDITS).ofSizeBetween(1, 4),
      (base, edits) -> {
        byte[] body = base.getBytes(StandardCharsets.UTF_8);
        for (Edit edit : edits) {
          body = edit.apply(body);
        }
        return body;
      });

  @Test
  void noMessageAboutAHostileBodyNamesTheJsonLibrary() {
    Theories.qt().withExamples(Theories.EXAMPLES * 20).forAll(HOSTILE_BODIES).checkAssert(body -> {
      List<Violation> violations;
      try {
        IncidentJson.readCreateRequest(body);
        return;
      } catch (IncidentException e) {
        violations = e.violations();
      }
      for (Violation violation : violations) {
        String text = (violation.message() + " " + violation.fieldName()).toLowerCase(Locale.ROOT);
        assertThat(LIBRARY_WORDS).as("words of the JSON library in '%s' about %s", violation.message(),
            new String(body, StandardCharsets.UTF_8)).noneMatch(text::contains);
      }
    });
  }
}
