package dev.incidents.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of webhook deliveries, as the open Standard Webhooks specification defines them (docs/CONTRACT.md
 * clause 13.3, docs/EVENTS.md): the secret is {@code whsec_} followed by the base64 of 24 to 64 random bytes;
 * a delivery carries {@code webhook-id}, {@code webhook-timestamp} (seconds since the epoch) and
 * {@code webhook-signature: v1,<base64 of HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, where the key
 * is the secret's decoded bytes.
 */
public final class WebhookSignatures {

  /** The prefix of every secret. */
  public static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignatures() {}

  /** A new secret of 32 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The key bytes of a secret.
   *
   * @throws IllegalArgumentException saying what is wrong if it is not {@code whsec_} and the base64 of 24 to 64
   *     bytes
   */
  public static byte[] key(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with \"whsec_\" followed by base64");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is \"whsec_\" followed by base64: " + e.getMessage(), e);
    }
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException("a webhook secret's key is 24 to 64 bytes, this one has " + key.length);
    }
    return key;
  }

  /** The {@code webhook-signature} header of a delivery: {@code v1,} and the base64 HMAC-SHA256. */
  public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), id, Long.toString(timestampSeconds), body));
  }

  /**
   * Whether a delivery is genuine: one of the space-separated {@code v1,} signatures of {@code signatureHeader}
   * matches (compared in constant time) and the timestamp is within {@code tolerance} of {@code now}, so a
   * recorded delivery cannot be replayed later.
   */
  public static boolean verify(String secret, String id, String timestamp, String signatureHeader, byte[] body,
      Instant now, Duration tolerance) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(key(secret), id, timestamp, body);
    for (String candidate : signatureHeader.split(" ")) {
      if (candidate.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
