package io.vitrine.examples.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vitrine.sdk.RankRequest;
import io.vitrine.sdk.Ranking;
import io.vitrine.sdk.Recommender;
import io.vitrine.sdk.profile.EventType;
import io.vitrine.sdk.profile.UserProfileStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small content API over the SDK, bound to 127.0.0.1: {@code GET /users/{id}/recommendations?k=10&device=mobile&hour=8}
 * returns the ranking as JSON; {@code POST /events} with {@code {"userId", "articleId", "type": "CLICK"|"IMPRESSION",
 * "time"?}} feeds the user profile store.
 */
public final class ContentApi implements AutoCloseable {
  private static final Pattern RECOMMENDATIONS = Pattern.compile("/users/([^/]+)/recommendations");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final Recommender recommender;
  private final UserProfileStore profiles;

  private ContentApi(Recommender recommender, UserProfileStore profiles, int port) throws IOException {
    this.recommender = recommender;
    this.profiles = profiles;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    this.threads = Executors.newFixedThreadPool(4);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves on 127.0.0.1:{@code port} (0 picks a free port). */
  public static ContentApi start(Recommender recommender, UserProfileStore profiles, int port) {
    try {
      return new ContentApi(recommender, profiles, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      Matcher users = RECOMMENDATIONS.matcher(path);
      if (users.matches()) {
        if (!exchange.getRequestMethod().equals("GET")) {
          send(exchange, 405, Map.of("error", "use GET"));
        } else {
          recommend(exchange, URLDecoder.decode(users.group(1), StandardCharsets.UTF_8));
        }
      } else if (path.equals("/events")) {
        if (!exchange.getRequestMethod().equals("POST")) {
          send(exchange, 405, Map.of("error", "use POST"));
        } else {
          event(exchange);
        }
      } else {
        send(exchange, 404, Map.of("error", "no such resource: " + path));
      }
    } catch (IllegalArgumentException e) {
      send(exchange, 400, Map.of("error", e.getMessage()));
    } catch (RuntimeException e) {
      send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    } finally {
      exchange.close();
    }
  }

  private void recommend(HttpExchange exchange, String userId) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int k = integer(query.getOrDefault("k", "10"), "k");
    Map<String, Object> context = new HashMap<>();
    if (query.containsKey("device")) {
      context.put("device", query.get("device"));
    }
    if (query.containsKey("hour")) {
      context.put("hour", integer(query.get("hour"), "hour"));
    }
    Ranking ranking = recommender.recommend(RankRequest.of(userId, k).withContext(context));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("model", ranking.model());
    body.put("modelVersion", ranking.modelVersion());
    body.put("source", ranking.source());
    body.put("fallbackReason", ranking.fallbackReason());
    body.put("articles", ranking.articles());
    send(exchange, 200, body);
  }

  private void event(HttpExchange exchange) throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
    }
    String userId = text(event, "userId");
    String articleId = text(event, "articleId");
    EventType type;
    try {
      type = EventType.valueOf(text(event, "type"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("type must be CLICK or IMPRESSION");
    }
    Instant time = event.hasNonNull("time") ? Instant.parse(event.get("time").asText()) : Instant.now();
    profiles.record(userId, articleId, type, time);
    recommender.invalidateUser(userId);
    exchange.sendResponseHeaders(204, -1);
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.hasNonNull(field) || !node.get(field).isTextual()) {
      throw new IllegalArgumentException("'" + field + "' (a string) is required");
    }
    return node.get(field).asText();
  }

  private static int integer(String value, String name) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
