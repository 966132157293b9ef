package dev.incidents.reference;

import dev.incidents.model.RequestContext;
import java.util.Set;

/**
 * Checks that the objects a request refers to exist, and names them. The service calls it once per create,
 * with every distinct reference of the request (never once per id), after the request passed every other
 * rule. Implementations must be thread-safe.
 *
 * <p>A reference reported {@linkplain Resolution.Builder#unknown unknown} rejects the request with
 * {@code invalid_id} at every field that names it. An exception thrown by the resolver rejects the call
 * with {@link dev.incidents.error.ServiceUnavailableException}; nothing is stored.
 *
 * <p>The default, {@link #syntaxOnly()}, checks nothing beyond syntax and names tags by their display id.
 */
@FunctionalInterface
public interface ReferenceResolver {

  /**
   * Resolves the references of one request.
   *
   * @param context who is asking
   * @param references every distinct reference of the request, not empty
   * @return which references are unknown, and names
   */
  Resolution resolve(RequestContext context, Set<Reference> references);

  /** The default resolver: every syntactically valid id exists. */
  static ReferenceResolver syntaxOnly() {
    return (context, references) -> Resolution.allExist();
  }
}
