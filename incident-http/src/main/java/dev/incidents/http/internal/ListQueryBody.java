package dev.incidents.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the query of {@code GET /incidents.list} into the JSON body that {@code POST /incidents.list} takes, so
 * that core's list binder checks both forms alike (one place for the rules, and the same error for the same
 * mistake). Only the shape comes from here: which parameters are arrays, which values are numbers, and that
 * {@code created_date.after} (or {@code created_date[after]}, as the official client's HTTP library writes
 * nested objects) is a field of an object. Names the binder does not know are passed on for it to reject.
 */
public final class ListQueryBody {

  /** Array parameters of the API's list query. */
  private static final Set<String> ARRAYS = Set.of("severity", "reported_by", "source", "stage", "state",
      "owned_by", "applies_to_parts", "created_by", "subtype", "sort_by", "pia", "playbooks", "related_docs",
      "title");

  /** Parameters whose values (or elements) are int64 numbers. */
  private static final Set<String> NUMBERS = Set.of("severity", "reported_by", "source", "limit");

  private static final Pattern INT64 = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern BRACKETS = Pattern.compile("\\[([^\\[\\]]*)]");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ListQueryBody() {}

  /**
   * The JSON body equivalent to the query.
   *
   * @throws dev.incidents.error.IncidentException {@code bad_request} if a parameter is given twice where one value
   *     belongs, or as both a value and an object, or a quoted array is unbalanced
   */
  public static byte[] of(Map<String, List<String>> params) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      String name = BRACKETS.matcher(param.getKey()).replaceAll(".$1");
      String[] path = name.split("\\.", -1);
      ObjectNode parent = root;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode child = parent.get(path[i]);
        if (child == null) {
          child = parent.putObject(path[i]);
        } else if (!child.isObject()) {
          throw Query.badRequest(name, "is given both as a value and as an object");
        }
        parent = (ObjectNode) child;
      }
      String leaf = path[path.length - 1];
      if (parent.has(leaf)) {
        throw Query.badRequest(name, "is given both as a value and as an object");
      }
      boolean number = path.length == 1 ? NUMBERS.contains(leaf) : leaf.equals("days");
      if (path.length == 1 && ARRAYS.contains(leaf)) {
        ArrayNode array = parent.putArray(leaf);
        for (String element : Query.elements(name, param.getValue())) {
          array.add(number ? value(element) : JsonNodeFactory.instance.textNode(element));
        }
      } else {
        if (param.getValue().size() > 1) {
          throw Query.badRequest(name, "takes one value, got " + param.getValue().size());
        }
        String text = param.getValue().get(0);
        parent.set(leaf, number ? value(text) : JsonNodeFactory.instance.textNode(text));
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A number when the text is an int64, else the text: the binder then names the field and the wrong type. */
  private static JsonNode value(String text) {
    if (INT64.matcher(text).matches()) {
      try {
        return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
      } catch (NumberFormatException e) {
        // Beyond int64: left as text, which the binder reports.
      }
    }
    return JsonNodeFactory.instance.textNode(text);
  }
}
