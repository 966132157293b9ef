package dev.incidents.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A java.net.http client for the test server that keeps every reply, so the schema test can check them all. */
final class Client {

  /** One exchange: the route, the status and the body received. */
  record Exchange(String method, String route, int status, String body, HttpResponse<String> response) {}

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;
  private final List<Exchange> exchanges = new ArrayList<>();

  Client(URI base) {
    this.base = base;
  }

  List<Exchange> exchanges() {
    return exchanges;
  }

  /** A request builder for a route and query, such as {@code incidents.get?id=INC-1}. */
  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + "/" + pathAndQuery));
  }

  HttpResponse<String> post(String route, String token, String json, String... headers) {
    HttpRequest.Builder builder = request(route).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (token != null) {
      builder.header("Authorization", token);
    }
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return send(builder.build());
  }

  HttpResponse<String> get(String pathAndQuery, String token) {
    HttpRequest.Builder builder = request(pathAndQuery).GET();
    if (token != null) {
      builder.header("Authorization", token);
    }
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String path = request.uri().getPath();
      exchanges.add(new Exchange(request.method(), path.substring(path.lastIndexOf('/') + 1), response.statusCode(),
          response.body(), response));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
