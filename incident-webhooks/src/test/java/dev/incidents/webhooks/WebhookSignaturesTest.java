package dev.incidents.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Signatures as the Standard Webhooks specification defines them (docs/CONTRACT.md clause 13.3). */
class WebhookSignaturesTest {

  // The specification's published test vector.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant AT = Instant.ofEpochSecond(TIMESTAMP);

  @Test
  void reproducesTheSpecificationsTestVector() {
    assertThat(WebhookSignatures.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesGenuineDeliveriesOnly() throws Exception {
    Duration tolerance = Duration.ofMinutes(5);
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, AT, tolerance)).isTrue();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", "v1,bm9wZQ== " + SIGNATURE, BODY, AT, tolerance))
        .as("one of several signatures (a rotated secret)").isTrue();
    assertThat(WebhookSignatures.verify(SECRET, ID + "x", "1614265330", SIGNATURE, BODY, AT, tolerance)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265331", SIGNATURE, BODY, AT, tolerance)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", SIGNATURE, "{\"test\": 1}".getBytes(
        StandardCharsets.UTF_8), AT, tolerance)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, AT.plusSeconds(301), tolerance))
        .as("too old").isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "soon", SIGNATURE, BODY, AT, tolerance)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", "v2,abc", BODY, AT, tolerance)).isFalse();

    assertThat(ReceiverExample.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, TIMESTAMP)).isTrue();
    assertThat(ReceiverExample.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, TIMESTAMP + 301)).isFalse();
    assertThat(ReceiverExample.verify(SECRET, ID, "1614265330", SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8),
        TIMESTAMP)).isFalse();
  }

  @Test
  void newSecretsAreValidAndDistinct() {
    String one = WebhookSignatures.newSecret();
    assertThat(one).startsWith("whsec_").isNotEqualTo(WebhookSignatures.newSecret());
    assertThat(WebhookSignatures.key(one)).hasSize(32);
  }

  @Test
  void malformedSecretsSayWhatIsWrong() {
    assertThatThrownBy(() -> WebhookSignatures.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageContaining("starts with \"whsec_\"");
    assertThatThrownBy(() -> WebhookSignatures.key("whsec_not base64!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> WebhookSignatures.key("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
  }
}
