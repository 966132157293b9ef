package dev.incidents.cli;

import dev.incidents.IncidentService;
import dev.incidents.http.Authenticator;
import dev.incidents.http.IncidentServlet;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code incident serve}'s web server: the servlet of incident-http at the root of an embedded Jetty 12 (ee10),
 * with the bounds docs/HTTP.md lists, an access log and a graceful stop.
 */
final class HttpServer {

  /** The request line and headers together, at most (431 beyond). */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** A connection with nothing to read or write for this long is closed: slow clients time out. */
  static final long IDLE_TIMEOUT_MILLIS = 30_000;
  /** How long a stop waits for requests in flight. */
  static final long STOP_TIMEOUT_MILLIS = 30_000;
  static final int MAX_THREADS = 64;

  /**
   * One line per request: client, time, request line (path and query; a token is never in either), status,
   * bytes sent and milliseconds. No header is logged, so no {@code Authorization}.
   */
  static final String ACCESS_LOG_FORMAT = "%{client}a %{yyyy-MM-dd'T'HH:mm:ss.SSSXXX|UTC}t \"%r\" %s %O %{ms}Tms";

  private final Server server;
  private final ServerConnector connector;

  private HttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts serving; the port is bound when this returns ({@code port} 0 picks a free one). */
  static HttpServer start(IncidentService service, Authenticator authenticator, String bind, int port,
      PrintStream accessLog) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
    threads.setName("incident-http");
    Server server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost(bind);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("incidents", new IncidentServlet(service, authenticator)), "/*");
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(context);
    server.setHandler(graceful);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    server.setErrorHandler(new JsonErrors());
    server.setRequestLog(new CustomRequestLog(line -> {
      synchronized (accessLog) {
        accessLog.println(line);
      }
    }, ACCESS_LOG_FORMAT));
    server.start();
    return new HttpServer(server, connector);
  }

  /** The address the server listens on. */
  InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
  }

  /** Stops accepting connections, lets requests in flight finish (up to the stop timeout), then stops. */
  void stop() throws Exception {
    server.stop();
  }

  /** Waits until the server has stopped. */
  void join() throws InterruptedException {
    server.join();
  }

  /**
   * What Jetty itself refuses (a malformed request line, headers over the bound) gets an error body of the same
   * shape as the servlet's, without Jetty's details.
   */
  private static final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus();
      String type = status == 404 ? "not_found" : status >= 500 ? "internal_error" : "bad_request";
      String message = "the request was refused: " + status + " " + HttpStatus.getMessage(status);
      String violation = "{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}";
      String body = "{\"type\":\"" + type + "\",\"message\":\"" + message + "\",\"violations\":[" + violation + "]}";
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
