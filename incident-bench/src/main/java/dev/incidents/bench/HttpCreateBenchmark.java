package dev.incidents.bench;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonEndpoint;
import dev.incidents.http.Authenticator;
import dev.incidents.http.IncidentServlet;
import dev.incidents.model.RequestContext;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code POST /incidents.create} over HTTP/1.1 keep-alive connections (one {@link KeepAliveClient} per JMH thread,
 * so one connection each) to {@link IncidentServlet} on an embedded Jetty 12 at 127.0.0.1, against the same create
 * through {@code service.json().create} in process ({@link #inProcess}), on the same service and store, in the
 * same run. Throughput and sampled latency (p50, p99). Run at 1 and 8 threads ({@code -t}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class HttpCreateBenchmark {

  private static final String TOKEN = "bench-token";

  /** The store measured: a {@link StoreKind} name. */
  @Param({"memory", "mapdb-memory"})
  public String store;

  private OpenStore open;
  private JsonEndpoint json;
  private Server server;
  private int port;

  /** A new, empty store and a server over it for each iteration, as {@link CreateBenchmark} opens its store. */
  @Setup(Level.Iteration)
  public void start() throws Exception {
    open = OpenStore.open(store);
    IncidentService service = Incidents.builder().store(open.store()).build();
    json = service.json();
    server = new Server(new QueuedThreadPool(64));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new IncidentServlet(service,
        Authenticator.of(Map.of(TOKEN, RequestContext.of(Requests.TENANT, Requests.ACTOR))))), "/*");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  /** The port of this iteration's server. */
  int port() {
    return port;
  }

  @TearDown(Level.Iteration)
  public void stop() throws Exception {
    server.stop();
    open.close();
  }

  /** One client, so one keep-alive connection, per thread, to this iteration's server. */
  @State(Scope.Thread)
  public static class Client {
    KeepAliveClient connection;

    /** JMH runs the benchmark's iteration setup first: this one takes it as a parameter. */
    @Setup(Level.Iteration)
    public void connect(HttpCreateBenchmark benchmark) throws IOException {
      connection = new KeepAliveClient("127.0.0.1", benchmark.port, "POST", "/incidents.create", Requests.TYPICAL,
          "Authorization: Bearer " + TOKEN, "Content-Type: application/json");
    }

    @TearDown(Level.Iteration)
    public void disconnect() throws IOException {
      connection.close();
    }
  }

  @Benchmark
  public int http(Client client) throws IOException {
    int status = client.connection.send();
    if (status != 201) {
      throw new IllegalStateException("create failed: " + status + " " + client.connection.bodyText());
    }
    return client.connection.bodyLength();
  }

  @Benchmark
  public byte[] inProcess() {
    return Requests.expectSuccess(json.create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }
}
