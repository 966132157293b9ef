package dev.incidents.http;

import dev.incidents.IncidentService;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet in an embedded Jetty 12 (ee10) on 127.0.0.1 and a free port, mounted under {@code /api} as a host
 * application would mount it.
 */
final class TestServer implements AutoCloseable {

  /** The bound on request headers (the request line with its query string included), as {@code incident serve} sets it. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private final Server server;
  private final URI base;

  private TestServer(Server server, URI base) {
    this.server = server;
    this.base = base;
  }

  static TestServer start(IncidentService service, Authenticator authenticator) throws Exception {
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    config.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/api");
    context.addServlet(new ServletHolder(new IncidentServlet(service, authenticator)), "/*");
    server.setHandler(context);
    server.start();
    return new TestServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api"));
  }

  /** The base URL, {@code http://127.0.0.1:<port>/api}, without a trailing slash. */
  URI base() {
    return base;
  }

  int port() {
    return base.getPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
