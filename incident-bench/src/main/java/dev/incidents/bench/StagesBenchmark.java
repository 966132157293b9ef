package dev.incidents.bench;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pipeline's stages alone, on the typical request: where a create's CPU time goes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 1)
public class StagesBenchmark {

  private final IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
  private final IncidentCreateRequest request = IncidentJson.readCreateRequest(Requests.TYPICAL);
  private final Incident incident = IncidentJson.readIncidentObject(Requests.DOCUMENT);

  /** Strict parsing of the request body into the model. */
  @Benchmark
  public IncidentCreateRequest readRequest() {
    return IncidentJson.readCreateRequest(Requests.TYPICAL);
  }

  /** Every validation rule on a valid request (Bean Validation and the domain checks). */
  @Benchmark
  public List<Violation> validate() {
    List<Violation> violations = service.validate(Requests.CONTEXT, request);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("the typical request is invalid: " + violations);
    }
    return violations;
  }

  /** Writing the response body of a created incident. */
  @Benchmark
  public byte[] writeResponse() {
    return IncidentJson.writeIncident(incident);
  }
}
