package dev.incidents.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A load generator's HTTP/1.1 client, as wrk is one: one keep-alive connection, one request prepared once and
 * sent again and again, each reply read to the end of its {@code Content-Length}. Measuring a server with
 * {@code java.net.http.HttpClient} in the same two cores measured mostly the client (its selector thread, its
 * executor hand-offs and its string decoding: 2,966 creates/s at one client where wrk drove the same server at
 * 12,000). Not a general client: it refuses a reply without a {@code Content-Length} (the incidents servlet
 * always sends one) and reads nothing but the status, that header and the body.
 */
final class KeepAliveClient implements Closeable {

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;
  private byte[] line = new byte[256];
  private byte[] body = new byte[8192];
  private int bodyLength;

  /** Connects to {@code host:port}; {@code headers} are complete header lines without their line ends. */
  KeepAliveClient(String host, int port, String method, String path, byte[] requestBody, String... headers)
      throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port).append("\r\nContent-Length: ").append(requestBody.length)
        .append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    request = Arrays.copyOf(headBytes, headBytes.length + requestBody.length);
    System.arraycopy(requestBody, 0, request, headBytes.length, requestBody.length);
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port));
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16_384);
  }

  /** Sends the request and reads the whole reply; returns its status. */
  int send() throws IOException {
    out.write(request);
    out.flush();
    int status = -1;
    int contentLength = -1;
    for (int length; (length = readLine()) > 0; ) {
      if (status < 0) {
        if (length < 12) {
          throw new IOException("not an HTTP status line: " + new String(line, 0, length, StandardCharsets.US_ASCII));
        }
        // "HTTP/1.1 201 Created"
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
      } else if (startsWithIgnoringCase(line, length, CONTENT_LENGTH)) {
        contentLength = Integer.parseInt(new String(line, CONTENT_LENGTH.length, length - CONTENT_LENGTH.length,
            StandardCharsets.US_ASCII).trim());
      }
    }
    if (status < 0 || contentLength < 0) {
      throw new IOException("a reply without a status line or a Content-Length (status " + status + ")");
    }
    if (contentLength > body.length) {
      body = new byte[Math.max(contentLength, 2 * body.length)];
    }
    int read = in.readNBytes(body, 0, contentLength);
    if (read < contentLength) {
      throw new EOFException("the connection closed after " + read + " of " + contentLength + " bytes of a reply");
    }
    bodyLength = contentLength;
    return status;
  }

  /** The body of the last reply, as text (for a failure's message). */
  String bodyText() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /** Length of the last reply's body. */
  int bodyLength() {
    return bodyLength;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Reads a header line without its CRLF into {@link #line}; returns its length, 0 for the blank line. */
  private int readLine() throws IOException {
    int length = 0;
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new EOFException("the connection closed inside a reply's headers");
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, 2 * length);
      }
      line[length++] = (byte) b;
    }
    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
  }

  private static boolean startsWithIgnoringCase(byte[] text, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (Character.toLowerCase(text[i]) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
