package dev.incidents.http;

import dev.incidents.http.internal.Tokens;
import dev.incidents.http.internal.TokensFile;
import dev.incidents.model.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the token of a request's {@code Authorization} header ({@code <token>} or {@code Bearer <token>}) into the
 * request context it acts for, the tenant and the actor, or refuses it (docs/CONTRACT.md section 12.4). A refused
 * or missing token is answered 401 {@code unauthenticated}; the token itself never appears in a reply or a log.
 *
 * <p>Implementations must be thread-safe; {@link IncidentServlet} calls one for every request.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * The context the token acts for.
   *
   * @param token the token as sent, without the {@code Bearer} prefix; never empty
   * @return the tenant and actor, or empty to refuse the token
   */
  Optional<RequestContext> authenticate(String token);

  /**
   * An authenticator that accepts exactly the given tokens. Tokens are compared in constant time with every
   * known token, so the time taken does not tell how much of a guess was right.
   *
   * @param tokens each token with the tenant and actor it acts for (copied)
   */
  static Authenticator of(Map<String, RequestContext> tokens) {
    Map<String, RequestContext> copy = Map.copyOf(tokens);
    return token -> {
      byte[] given = token.getBytes(StandardCharsets.UTF_8);
      RequestContext found = null;
      for (Map.Entry<String, RequestContext> entry : copy.entrySet()) {
        if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
          found = entry.getValue();
        }
      }
      return Optional.ofNullable(found);
    };
  }

  /**
   * An authenticator that accepts the tokens of a tokens file: one token per line, {@code <token> <tenant> <actor>}
   * separated by spaces or tabs; blank lines and lines starting with {@code #} are ignored (docs/HTTP.md).
   *
   * @param file the tokens file, UTF-8
   * @throws IllegalArgumentException listing every malformed line (by number, never echoing a token), a token
   *     given twice, or a file without tokens
   * @throws IOException if the file cannot be read
   */
  static Authenticator fromTokensFile(Path file) throws IOException {
    return of(TokensFile.read(Objects.requireNonNull(file, "file")));
  }

  /** A new random token (32 bytes of a {@link java.security.SecureRandom}, URL-safe Base64), for a generated login. */
  static String newToken() {
    return Tokens.generate();
  }
}
