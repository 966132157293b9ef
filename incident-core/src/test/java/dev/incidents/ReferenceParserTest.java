package dev.incidents;

import dev.incidents.reference.ObjectType;
import dev.incidents.reference.Reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.testing.Theories;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class ReferenceParserTest {

  private final ReferenceParser parser = new ReferenceParser("local");

  @ParameterizedTest
  @CsvSource({
      "PROD-7, PRODUCT, 7, don:core:local:devo/acme:product/7",
      "don:core:local:devo/acme:capability/12, CAPABILITY, 12, don:core:local:devo/acme:capability/12",
      "SVCACC-3, SERVICE_ACCOUNT, 3, don:identity:local:devo/acme:svcacc/3",
      "don:identity:local:devo/acme:account/9223372036854775807, ACCOUNT, 9223372036854775807, don:identity:local:devo/acme:account/9223372036854775807",
      "INC-1, INCIDENT, 1, don:core:local:devo/acme:incident/1"})
  void parsesDisplayIdsAndDons(String raw, ObjectType type, long number, String don) {
    ReferenceParser.Parsed parsed = parser.parse(raw, "acme");
    assertThat(parsed).isEqualTo(new ReferenceParser.Parsed.Ok(new Reference(type, number, don, type.prefix() + "-" + number)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PROD-0", "PROD-07", "prod-7", "PROD7", "PROD-", "PROD-9223372036854775808", "XYZ-1", "",
      "don:core:local:devo/acme:product/0", "don:core:local:devo/acme:product", "don:identity:local:devo/acme:product/1",
      "don:core:local:devo/acme:unicorn/1", " PROD-7", "PROD-7 ", "-7", "PROD--7", "PR-OD-7", "PROD-7-1",
      "PROD-7a", "PROD-+7", "PROD-٣"})
  void rejectsMalformedIds(String raw) {
    assertThat(parser.parse(raw, "acme")).isInstanceOf(ReferenceParser.Parsed.Invalid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"don:core:local:devo/other:product/1", "don:core:eu-1:devo/acme:product/1"})
  void aDonOfAnotherDevOrgOrPartitionIsForeign(String raw) {
    assertThat(parser.parse(raw, "acme")).isInstanceOf(ReferenceParser.Parsed.Foreign.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "a:b"})
  void thePartitionIsChecked(String partition) {
    assertThatThrownBy(() -> new ReferenceParser(partition)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Strings of the pieces ids are made of (real prefixes among them), and a few characters they are not. */
  private static final Gen<String> ID_LIKE = SourceDSL.lists().of(Generate.pick(java.util.List.of(
          "PROD", "INC", "DEVU", "XYZ", "P", "a", "-", "-", "0", "1", "7", "99", " ", ":", "/", "٣")))
      .ofSizeBetween(0, 6).map(parts -> String.join("", parts));

  /** The display-id syntax the parser scans for, as the regular expression the spec's grammar reads as. */
  private static final Pattern DISPLAY_ID = Pattern.compile("([A-Z]+)-([1-9][0-9]{0,18})");

  @Test
  void displayIdsAreExactlyWhatTheGrammarAccepts() {
    Theories.qt().withExamples(Theories.EXAMPLES * 50).forAll(ID_LIKE).checkAssert(raw -> {
      var matcher = DISPLAY_ID.matcher(raw);
      boolean wellFormed = matcher.matches() && ObjectType.byPrefix(matcher.group(1)) != null
          && Long.parseLong(matcher.group(2).length() == 19 && matcher.group(2).compareTo("9223372036854775807") > 0
              ? "-1" : matcher.group(2)) > 0;
      assertThat(parser.parse(raw, "acme") instanceof ReferenceParser.Parsed.Ok).as(raw).isEqualTo(wellFormed);
    });
  }

  @Test
  void aParsedDisplayIdIsTheCanonicalOneOfItsReference() {
    Theories.qt().withExamples(Theories.EXAMPLES * 50).forAll(ID_LIKE).checkAssert(raw -> {
      if (parser.parse(raw, "acme") instanceof ReferenceParser.Parsed.Ok ok && !raw.startsWith("don:")) {
        Reference reference = ok.reference();
        assertThat(reference).as(raw).isEqualTo(parser.reference(reference.type(), reference.number(), "acme"));
        assertThat(reference.displayId()).isEqualTo(raw);
      }
    });
  }

  /** The stage and state DONs the facets read, as the grammar's regular expression reads them. */
  private static final Pattern CORE_DON = Pattern.compile("don:core:local:devo/acme:custom_stage/([1-9][0-9]{0,18})");

  /** Pieces of core DONs (the right ones, near misses and other tenants, partitions and types), run together. */
  private static final Gen<String> CORE_DON_LIKE = SourceDSL.lists().of(Generate.pick(java.util.List.of(
          "don:core:local:devo/acme:custom_stage/", "don:core:local:devo/acme:custom_state/",
          "don:core:eu-1:devo/acme:custom_stage/", "don:core:local:devo/other:custom_stage/",
          "don:identity:local:devo/acme:custom_stage/", "don:core:local:devo/acme:custom_stage", "don:core:local",
          ":devo/acme", "0", "1", "7", "99", "9223372036854775807", "9223372036854775808", "/", " ", "a")))
      .ofSizeBetween(1, 4).map(parts -> String.join("", parts));

  @Test
  void coreNumbersAreExactlyWhatTheGrammarAccepts() {
    Theories.qt().withExamples(Theories.EXAMPLES * 50).forAll(CORE_DON_LIKE).checkAssert(raw -> {
      var matcher = CORE_DON.matcher(raw);
      long expected = !matcher.matches() ? -1
          : matcher.group(1).length() == 19 && matcher.group(1).compareTo("9223372036854775807") > 0 ? -1
          : Long.parseLong(matcher.group(1));
      assertThat(parser.parseCoreNumber(raw, "custom_stage", "acme")).as(raw).isEqualTo(expected);
    });
    assertThat(parser.parseCoreNumber(parser.coreDon("acme", "custom_stage", "42"), "custom_stage", "acme"))
        .isEqualTo(42);
  }
}
