package dev.incidents.testing;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.RenderedIncident;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.LongFunction;

/** Rendered incidents for tests that talk to a store directly, without the service. */
public final class Renderings {

  /** The facets of an incident that no filter singles out: no severity, start stage, open state. */
  public static final IncidentFacets PLAIN_FACETS = new IncidentFacets(null, null, 1, 1, Set.of(), Set.of(),
      "don:identity:local:devo/t:devu/1", null, Instant.EPOCH, Instant.EPOCH, null, null);

  private Renderings() {}

  /** {@code document} with {@link #PLAIN_FACETS} and no event. */
  // javac 17 writes no type annotations on the parameters of a compact canonical constructor, so NullAway,
  // reading core's class files, takes RenderedIncident's @Nullable event for non-null.
  @SuppressWarnings("NullAway")
  public static RenderedIncident of(byte[] document) {
    return new RenderedIncident(document, PLAIN_FACETS, null);
  }

  /** {@code text} as UTF-8, with {@link #PLAIN_FACETS} and no event. */
  public static RenderedIncident of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A renderer of the text {@code text.apply(number)}. */
  public static DocumentRenderer text(LongFunction<String> text) {
    return number -> of(text.apply(number));
  }
}
