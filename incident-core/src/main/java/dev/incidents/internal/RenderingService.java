package dev.incidents.internal;

import dev.incidents.CreateCall;
import dev.incidents.IdempotencyKey;
import dev.incidents.RequestContext;
import dev.incidents.error.IncidentException;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import java.util.List;

/**
 * Not API: what the library's JSON endpoint asks of the library's own service, so that a create's response
 * reuses the document bytes the create just wrote instead of serializing the same incident a second time
 * (a fifth of a create's CPU time). Another {@link dev.incidents.IncidentService} simply lacks it.
 */
public interface RenderingService {

  /**
   * An incident with, when this call rendered it, the JSON of the incident object as stored.
   *
   * @param incident the incident, or {@code null} with {@code error}
   * @param document the incident object's JSON, or {@code null} when the incident was read back (a replay)
   *     or the create failed
   * @param error why the create failed, or {@code null}
   */
  record Rendition(Incident incident, byte[] document, IncidentException error) {}

  /** As {@link dev.incidents.IncidentService#create(RequestContext, IncidentCreateRequest, IdempotencyKey)}. */
  Rendition createRendered(RequestContext context, IncidentCreateRequest request, IdempotencyKey key);

  /** As {@link dev.incidents.IncidentService#createAll}: failures are in the renditions, never thrown. */
  List<Rendition> createAllRendered(RequestContext context, List<CreateCall> calls);
}
