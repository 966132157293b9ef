package dev.incidents;

import dev.incidents.json.IncidentJson;
import dev.incidents.model.IncidentCreateRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint recorded with an idempotency key: SHA-256 of the canonical JSON of the normalized request.
 * Requests that are equal after parsing (key order, white space, date formatting, display id versus DON,
 * duplicate ids) have equal fingerprints.
 */
final class Fingerprints {

  private Fingerprints() {}

  static String of(IncidentCreateRequest normalized) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(IncidentJson.writeCreateRequest(normalized)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
