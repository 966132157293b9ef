package dev.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.testing.Theories;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class TenantsTest {

  /** The tenant syntax as the contract writes it. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Names of allowed characters, the characters just outside each range, and lengths around 64. */
  private static final Gen<String> NAME_LIKE = SourceDSL.lists().of(Generate.pick(List.of(
          "a", "z", "A", "Z", "0", "9", "_", "-", "acme", "x".repeat(30),
          "`", "{", "@", "[", "/", ":", " ", ".", "é", "\u0000")))
      .ofSizeBetween(0, 6).map(parts -> String.join("", parts));

  @Test
  void namesAreExactlyWhatTheSyntaxAccepts() {
    Theories.qt().withExamples(Theories.EXAMPLES * 50).forAll(NAME_LIKE).checkAssert(name ->
        assertThat(Tenants.isValid(name)).as("'%s'", name).isEqualTo(NAME.matcher(name).matches()));
    assertThat(Tenants.isValid("a".repeat(64))).isTrue();
    assertThat(Tenants.isValid("a".repeat(65))).isFalse();
  }
}
