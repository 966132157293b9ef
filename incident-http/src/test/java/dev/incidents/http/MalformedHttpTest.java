package dev.incidents.http;

import static dev.incidents.http.Services.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed HTTP, each answered with the right status and, where the servlet answers, an error body: bad JSON, bad
 * UTF-8, wrong content types, huge headers, unbalanced quotes in a query array, lying lengths and broken chunking.
 * A raw socket sends what java.net.http refuses to send.
 */
class MalformedHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Services.memory(), Services.authenticator());
    client = new Client(server.base());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A raw exchange: the request's bytes as given, the whole answer until the server closes the connection. */
  private static String raw(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String raw(String request) throws IOException {
    return raw(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A raw exchange whose client sends the request and then closes its side, as one that gives up does. */
  private static String rawThenHalfClose(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static int status(String answer) {
    assertThat(answer).startsWith("HTTP/1.1 ");
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static JsonNode body(String answer) throws IOException {
    return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void malformedJsonIsAParseError() throws Exception {
    for (String body : new String[] {"{", "{\"title\": }", "[]x", "", "{\"title\": \"a\", \"title\": \"b\"}"}) {
      HttpResponse<String> response = client.post("incidents.create", ACME, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("type").asText()).as(body)
          .isIn("parse_error", "unexpected_json_type");
    }
  }

  @Test
  void aBodyThatIsNotUtf8IsAParseError() throws Exception {
    byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    HttpResponse<String> response = client.send(client.request("incidents.create").header("Authorization", ACME)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("parse_error");
  }

  @Test
  void aQueryThatIsNotUtf8IsABadRequest() throws Exception {
    String answer = raw("GET /api/incidents.get?id=%FF%FE HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nConnection: close\r\n\r\n");
    assertThat(status(answer)).isEqualTo(400);
    assertThat(body(answer).get("field_name").asText()).isEqualTo("id");
  }

  @Test
  void wrongContentTypesAre415() throws Exception {
    String answer = raw("POST /api/incidents.create HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nContent-Type: text/xml\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    assertThat(status(answer)).isEqualTo(415);
    assertThat(body(answer).get("type").asText()).isEqualTo("bad_request");
  }

  @Test
  void headersBeyondTheBoundAreRefusedByTheContainer() throws Exception {
    String answer = raw("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(TestServer.MAX_HEADER_BYTES)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(status(answer)).isEqualTo(431);
    String hugeToken = raw("GET /api/incidents.list HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + "t".repeat(TestServer.MAX_HEADER_BYTES / 2) + "\r\nConnection: close\r\n\r\n");
    assertThat(status(hugeToken)).isEqualTo(401);
    assertThat(hugeToken).doesNotContain("tttttttt");
  }

  @Test
  void aQueryLongerThanTheBoundIsABadRequest() throws Exception {
    String answer = raw("GET /api/incidents.list?owned_by=" + "D".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: " + ACME + "\r\nConnection: close\r\n\r\n");
    assertThat(status(answer)).isEqualTo(400);
    assertThat(body(answer).get("message").asText()).contains("query string is longer");
  }

  @Test
  void unbalancedQuotesInAQueryArrayAreABadRequestNamingTheParameter() throws Exception {
    for (String value : new String[] {"%22DEVU-1", "%22DEVU-1%22,%22DEVU-2", "%22DEVU-1%22x", "%22DEVU-1%22,"}) {
      String answer = raw("GET /api/incidents.list?owned_by=" + value + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
          + ACME + "\r\nConnection: close\r\n\r\n");
      assertThat(status(answer)).as(value).isEqualTo(400);
      assertThat(body(answer).get("field_name").asText()).as(value).isEqualTo("owned_by");
    }
    String rawQuotes = raw("GET /api/incidents.list?owned_by=\"DEVU-1 HTTP/1.1\r\nHost: x\r\nAuthorization: "
        + ACME + "\r\nConnection: close\r\n\r\n");
    assertThat(status(rawQuotes)).isEqualTo(400);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
    String answer = raw("POST /api/incidents.create HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nContent-Type: application/json\r\nContent-Length: " + (IncidentServlet.MAX_BODY_BYTES + 1)
        + "\r\n\r\n");
    assertThat(status(answer)).isEqualTo(413);
    assertThat(answer).containsIgnoringCase("Connection: close");
    assertThat(body(answer).get("type").asText()).isEqualTo("parse_error");
  }

  @Test
  void aBodyShorterThanItsDeclaredLengthIsABadRequestThatStoresNothing() throws Exception {
    String body = "{\"title\": \"cut short\"}";
    String answer = rawThenHalfClose("POST /api/incidents.create HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 10) + "\r\n\r\n" + body);
    assertThat(status(answer)).isEqualTo(400);
    assertThat(answer).containsIgnoringCase("Connection: close");
    assertThat(body(answer).get("message").asText()).contains("the request body could not be read");
    String list = raw("GET /api/incidents.list HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nConnection: close\r\n\r\n");
    assertThat(body(list).toString()).doesNotContain("cut short");
  }

  @Test
  void aChunkedBodyWithNoDeclaredLengthIsReadWhole() throws Exception {
    String body = "{\"title\": \"sent in chunks\"}";
    String half = body.substring(0, 10);
    String rest = body.substring(10);
    String answer = raw("POST /api/incidents.create HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");
    assertThat(status(answer)).isEqualTo(201);
    assertThat(body(answer).get("incident").get("title").asText()).isEqualTo("sent in chunks");
  }

  @Test
  void brokenChunkingIsABadRequest() throws Exception {
    String answer = raw("POST /api/incidents.create HTTP/1.1\r\nHost: x\r\nAuthorization: " + ACME
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "zz\r\n{}\r\n0\r\n\r\n");
    assertThat(status(answer)).isEqualTo(400);
  }

  @Test
  void aRequestLineThatIsNotHttpIsRefused() throws Exception {
    assertThat(status(raw("HELLO\r\n\r\n"))).isEqualTo(400);
  }
}
