package dev.incidents.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
      "don:core:local:devo/acme:unicorn/1", " PROD-7", "PROD-7 "})
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
}
