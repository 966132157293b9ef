package dev.incidents.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver verifies a delivery with nothing but the JDK: the example docs/EVENTS.md shows, word for word
 * (WebhookSignaturesTest and WebhookDeliveryTest check it).
 */
final class ReceiverExample {

  private ReceiverExample() {}

  // --- docs/EVENTS.md: verify ---
  /** Whether a delivery is genuine and recent (within 5 minutes of {@code nowSeconds}). */
  static boolean verify(String secret, String webhookId, String webhookTimestamp, String webhookSignature,
      byte[] body, long nowSeconds) throws Exception {
    if (Math.abs(nowSeconds - Long.parseLong(webhookTimestamp)) > 300) {
      return false; // too old or too far ahead: maybe a recorded delivery played again
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    for (String signature : webhookSignature.split(" ")) {
      if (signature.startsWith("v1,")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
        return true;
      }
    }
    return false;
  }
  // --- end ---
}
