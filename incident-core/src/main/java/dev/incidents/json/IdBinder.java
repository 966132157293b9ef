package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Binds a body that names one incident, {@code {"id": "..."}}: {@code incidents.get} and {@code incidents.delete}. */
final class IdBinder extends TreeBinder {

  private IdBinder() {}

  /** The id, or the exception listing every problem. */
  static String bind(byte[] body) {
    JsonNode root = RequestBinder.parse(body);
    IdBinder binder = new IdBinder();
    @Nullable String id = null;
    if (!root.isObject()) {
      binder.problem(null, Violation.of(ErrorType.UNEXPECTED_JSON_TYPE, null, "the body must be a JSON object, got "
          + describe(root)));
    } else {
      Fields f = binder.new Fields(root, "");
      id = f.string("id");
      if (id == null && !binder.brokenPaths.contains("id")) {
        binder.problem("id", Violation.missingRequiredField("id"));
      }
      f.rejectUnread();
    }
    if (!binder.problems.isEmpty()) {
      throw IncidentException.of(Violations.ordered(binder.problems));
    }
    // Without problems the body was an object with a string id.
    return Objects.requireNonNull(id, "id");
  }
}
