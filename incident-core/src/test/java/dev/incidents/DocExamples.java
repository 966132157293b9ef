package dev.incidents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Examples that docs show verbatim, cut out of the test that runs them. */
final class DocExamples {

  private DocExamples() {}

  /**
   * The lines of {@code source} strictly between the lines {@code "    // " + begin} and {@code "    // " + end},
   * with the method body's four-space indent removed, each ending in a newline.
   */
  static String between(Path source, String begin, String end) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int from = lines.indexOf("    // " + begin);
    int to = lines.indexOf("    // " + end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(source + " has no lines between \"// " + begin + "\" and \"// " + end + "\"");
    }
    StringBuilder example = new StringBuilder();
    for (String line : lines.subList(from + 1, to)) {
      example.append(line.isEmpty() ? "" : line.substring(4)).append('\n');
    }
    return example.toString();
  }
}
