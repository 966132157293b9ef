package dev.incidents.http.internal;

import dev.incidents.error.IncidentException;
import dev.incidents.model.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a tokens file: {@code <token> <tenant> <actor>} per line (see {@code Authenticator.fromTokensFile}). */
public final class TokensFile {

  private TokensFile() {}

  /** The tokens of the file, in file order. */
  public static Map<String, RequestContext> read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The tokens of the lines; {@code source} names them in errors. */
  public static Map<String, RequestContext> parse(List<String> lines, String source) {
    Map<String, RequestContext> tokens = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("[ \t]+");
      if (parts.length != 3) {
        problems.add("line " + number + ": expected <token> <tenant> <actor>, got " + parts.length + " field(s)");
        continue;
      }
      if (!Tokens.isWellFormed(parts[0])) {
        problems.add("line " + number + ": the token must be 1 to " + Tokens.MAX_TOKEN_CHARS
            + " printable ASCII characters");
        continue;
      }
      RequestContext context;
      try {
        context = RequestContext.of(parts[1], parts[2]);
      } catch (IncidentException e) {
        problems.add("line " + number + ": " + e.getMessage());
        continue;
      }
      if (tokens.putIfAbsent(parts[0], context) != null) {
        problems.add("line " + number + ": this token was given on an earlier line");
      }
    }
    if (problems.isEmpty() && tokens.isEmpty()) {
      problems.add("no tokens (expected lines of <token> <tenant> <actor>)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("tokens file " + source + " is not usable:\n  " + String.join("\n  ", problems));
    }
    return tokens;
  }
}
