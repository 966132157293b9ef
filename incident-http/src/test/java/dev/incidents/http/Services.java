package dev.incidents.http;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonEndpoint;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.RequestContext;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Services and tokens for the HTTP tests. */
final class Services {

  static final String ACME = "t-acme-devu1";
  static final String ACME_SYS = "t-acme-sysu1";
  static final String OTHER = "t-other-devu2";

  /** A detail that only a failing store knows: no reply may contain it. */
  static final String SECRET = "jdbc:postgresql://db.internal:5432/prod?password=hunter2";

  private Services() {}

  static Authenticator authenticator() {
    return Authenticator.of(Map.of(
        ACME, RequestContext.of("acme", "DEVU-1"),
        ACME_SYS, RequestContext.of("acme", "SYSU-1"),
        OTHER, RequestContext.of("other", "DEVU-2")));
  }

  static IncidentService memory() {
    return Incidents.builder().store(new InMemoryIncidentStore()).build();
  }

  /** A service whose every call fails with a defect naming {@link #SECRET}. */
  static IncidentService broken() {
    return failing(new IllegalStateException("connection to " + SECRET + " refused"));
  }

  /** A service whose every call fails as an unavailable store does, naming {@link #SECRET}. */
  static IncidentService unavailable() {
    return failing(ServiceUnavailableException.of("the store failed: " + SECRET, new RuntimeException(SECRET)));
  }

  private static IncidentService failing(RuntimeException failure) {
    IncidentService[] self = new IncidentService[1];
    self[0] = (IncidentService) Proxy.newProxyInstance(Services.class.getClassLoader(),
        new Class<?>[] {IncidentService.class}, (proxy, method, args) -> {
          if (method.getName().equals("json")) {
            return JsonEndpoint.of(self[0]);
          }
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "failing service";
            };
          }
          throw failure;
        });
    return self[0];
  }
}
