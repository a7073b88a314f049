package dev.parley.bot.agent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.bot.agent.internal.AgentJson;
import dev.parley.bot.agent.internal.HttpExchanges;
import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.concierge.TaskStatus;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent API as JSON over HTTP, under {@code /inbox/api/}: mount it in the {@link
 * dev.parley.bot.server.BotServer} ({@code inboxApi(...)}) or any JDK {@code HttpServer}. Every
 * endpoint, shape and error is documented in {@code bot-framework/INBOX_API.md}.
 *
 * <p>Authentication: {@code Authorization: Bearer <token>} with a token of {@link AgentTokens}, or
 * the session cookie {@code parley_inbox} that {@code POST /inbox/api/session} sets (HttpOnly,
 * SameSite=Strict) together with the header {@code X-Parley-Inbox: 1} on every request (a page of
 * another site cannot set it: the cookie alone opens nothing). Without either: 401 JSON.
 *
 * <p>Errors are {@code {"error":{"status":422,"code":"refused_by_policy","message":"..."}}}: 400
 * for bad JSON or values, 401, 404, 405, 409 for conflicts, 413 for bodies over 64 KiB, 422 when
 * the messaging policy refuses a reply, 502 when the platform fails, 503 without payments. Bad
 * input never gets a 500. Thread-safe.
 */
public final class AgentHttpApi implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(AgentHttpApi.class);
  /** The largest request body accepted. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** The session cookie's name. */
  public static final String SESSION_COOKIE = "parley_inbox";
  /** The header a cookie-authenticated request must carry (CSRF protection). */
  public static final String INBOX_HEADER = "X-Parley-Inbox";
  static final String PREFIX = "/inbox/api";
  /** How much of a refused request's unread body is read so that the answer reaches the client. */
  static final int DRAIN_BYTES = 1024 * 1024;
  /** The longest amount accepted in a request, sign and decimal point included. */
  static final int MAX_AMOUNT_CHARS = 24;
  private static final Pattern AMOUNT = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private final AgentApi api;
  private final AgentTokens tokens;
  private final AgentSessions sessions;

  public AgentHttpApi(AgentApi api, AgentTokens tokens) {
    this(api, tokens, Clock.systemUTC());
  }

  public AgentHttpApi(AgentApi api, AgentTokens tokens, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.sessions = new AgentSessions(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Request request = Request.read(exchange);
      Answer answer = route(request);
      if (answer.cookie != null) {
        exchange.getResponseHeaders().add("Set-Cookie", answer.cookie);
      }
      HttpExchanges.drain(exchange);
      if (answer.status == 204) {
        HttpExchanges.send(exchange, 204, "application/json; charset=utf-8", new byte[0]);
      } else {
        HttpExchanges.sendJson(exchange, answer.status, answer.body.toString());
      }
    } catch (DeskException e) {
      sendError(exchange, e.problem().httpStatus(), e.problem().code(), e.getMessage());
    } catch (BadRequest e) {
      sendError(exchange, e.status, e.code, e.getMessage());
    } catch (ParleyException | IllegalArgumentException e) {
      // A value refused by a record or Money: the request's fault.
      sendError(exchange, 400, "invalid", e.getMessage());
    } catch (HttpExchanges.TooLarge e) {
      HttpExchanges.sendTooLarge(exchange, e.limit());
    } catch (RuntimeException e) {
      log.error("agent API {} {} failed", exchange.getRequestMethod(), HttpExchanges.path(exchange), e);
      sendError(exchange, 500, "internal", "something went wrong on the server; it was logged");
    }
  }

  /**
   * Reads what is left of the body, up to {@link #DRAIN_BYTES}, before answering. A request can be
   * refused before its body is read (a wrong path, a bad task number, no token); the JDK server
   * itself reads only 64 KiB of an unread body and then closes the connection, so a client still
   * sending would get a reset instead of the answer and lose its kept-alive connection.
   */
  private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
    HttpExchanges.drain(exchange, DRAIN_BYTES);
    HttpExchanges.sendError(exchange, status, code, message);
  }

  private Answer route(Request request) throws IOException {
    String[] s = request.segments;
    if (s.length == 1 && s[0].equals("session")) {
      return session(request);
    }
    Agent agent = authenticate(request);
    if (s.length == 0) {
      throw new BadRequest(404, "not_found", "see INBOX_API.md for the endpoints under /inbox/api/");
    }
    switch (s[0]) {
      case "me":
        request.expect(s.length == 1, "GET");
        JsonObject me = signedIn(agent);
        me.addProperty("paymentsEnabled", api.paymentsEnabled());
        return Answer.ok(me);
      case "queue":
        request.expect(s.length == 1, "GET");
        return Answer.ok(list("conversations", api.queue(request.intParameter("limit", 100, 1, 500)),
            AgentJson::queueEntry));
      case "changes":
        request.expect(s.length == 1, "GET");
        JsonObject changes = new JsonObject();
        long since = request.longParameter("since", -1);
        long version = api.changeVersion(); // read once: a change between two reads would make them disagree
        changes.addProperty("version", version);
        changes.addProperty("changed", version != since);
        return Answer.ok(changes);
      case "actions":
        request.expect(s.length == 1, "GET");
        return Answer.ok(list("actions", api.actions(request.parameter("target"),
            request.intParameter("limit", 100, 1, 500)), AgentJson::action));
      case "conversations":
        return conversations(request, agent, s);
      case "tasks":
        return tasks(request, agent, s);
      default:
        throw new BadRequest(404, "not_found", "nothing at /inbox/api/" + abbreviate(String.join("/", s)));
    }
  }

  private Answer session(Request request) throws IOException {
    switch (request.method) {
      case "POST": {
        JsonObject body = request.json();
        Optional<Agent> agent = tokens.authenticate(request.string(body, "token", true, 1024));
        if (agent.isEmpty()) {
          throw unauthorized();
        }
        String id = sessions.open(agent.get());
        return new Answer(200, signedIn(agent.get()), cookie(id, request, (int) AgentSessions.LIFETIME.toSeconds()));
      }
      case "DELETE":
        sessions.close(request.cookie(SESSION_COOKIE));
        return new Answer(204, null, cookie("", request, 0));
      case "GET":
        return Answer.ok(signedIn(authenticate(request)));
      default:
        throw methodNotAllowed(request, "GET, POST, DELETE");
    }
  }

  private Answer conversations(Request request, Agent agent, String[] s) throws IOException {
    if (s.length == 1) {
      request.expect(true, "GET");
      Set<HandoffStatus> statuses = request.statuses("status", HandoffStatus.class,
          EnumSet.of(HandoffStatus.WAITING, HandoffStatus.ACTIVE, HandoffStatus.META_INBOX));
      String mine = request.parameter("mine");
      return Answer.ok(list("conversations", api.conversations(statuses,
          "true".equals(mine) ? agent.name() : null, request.intParameter("limit", 100, 1, 500)),
          AgentJson::queueEntry));
    }
    String id = decodePathSegment(s[1]);
    if (s.length == 2) {
      request.expect(true, "GET");
      return Answer.ok(AgentJson.conversation(api.conversation(id)));
    }
    if (s.length != 3) {
      throw new BadRequest(404, "not_found", "nothing at this conversation path");
    }
    switch (s[2]) {
      case "claim":
        request.expect(true, "POST");
        return Answer.ok(AgentJson.conversation(api.claim(agent, id)));
      case "read":
        request.expect(true, "POST");
        return Answer.ok(AgentJson.conversation(api.markRead(agent, id)));
      case "hand-back":
        request.expect(true, "POST");
        return Answer.ok(AgentJson.conversation(api.handBack(agent, id)));
      case "orders":
        request.expect(true, "GET");
        return Answer.ok(list("orders", api.orders(id), AgentJson::order));
      case "messages":
        if (request.method.equals("GET")) {
          return Answer.ok(AgentJson.transcript(api.transcript(id, request.longParameter("before", 0),
              request.longParameter("after", 0), request.intParameter("limit", 50, 1, 200))));
        }
        request.expect(true, "POST");
        JsonObject message = new JsonObject();
        message.add("message", AgentJson.message(api.reply(agent, id,
            request.string(request.json(), "text", true, AgentApi.MAX_REPLY))));
        return new Answer(201, message, null);
      case "payment-button": {
        request.expect(true, "POST");
        JsonObject body = request.json();
        JsonObject json = new JsonObject();
        json.add("payment", AgentJson.paymentLink(api.sendPaymentButton(agent, id, request.money(body, "", true),
            request.string(body, "description", true, 200), request.string(body, "requestId", false, 100))));
        return new Answer(201, json, null);
      }
      case "refunds": {
        request.expect(true, "POST");
        JsonObject body = request.json();
        JsonObject json = new JsonObject();
        json.add("refund", AgentJson.refund(api.refund(agent, id, request.string(body, "orderId", true, 200),
            request.money(body, "", false), request.string(body, "reason", false, 500),
            request.string(body, "requestId", false, 100))));
        return new Answer(201, json, null);
      }
      default:
        throw new BadRequest(404, "not_found", "no action '" + abbreviate(s[2]) + "' on a conversation");
    }
  }

  private Answer tasks(Request request, Agent agent, String[] s) throws IOException {
    if (s.length == 1) {
      if (request.method.equals("GET")) {
        Set<TaskStatus> statuses = request.statuses("status", TaskStatus.class, TaskStatus.OPEN);
        return Answer.ok(list("tasks", api.tasks(statuses, request.intParameter("limit", 100, 1, 500)),
            AgentJson::task));
      }
      request.expect(true, "POST");
      JsonObject body = request.json();
      TaskKind kind = TaskKind.fromWireName(request.string(body, "kind", true, 40));
      ConciergeTask task = api.createTask(agent, request.string(body, "conversationId", true, 300), kind,
          request.slots(body), request.string(body, "language", false, 10));
      return new Answer(201, wrap("task", AgentJson.task(task)), null);
    }
    long number = parseNumber(s[1]);
    if (s.length == 2) {
      request.expect(true, "GET");
      return Answer.ok(wrap("task", AgentJson.task(api.task(number))));
    }
    if (s.length != 3) {
      throw new BadRequest(404, "not_found", "nothing at this task path");
    }
    request.expect(true, "POST");
    JsonObject body = s[2].equals("claim") ? new JsonObject() : request.json();
    ConciergeTask task = switch (s[2]) {
      case "claim" -> api.claimTask(agent, number);
      case "messages" -> api.messageTask(agent, number, request.string(body, "text", true, 2000),
          request.bool(body, "awaitReply"));
      case "complete" -> api.completeTask(agent, number, request.string(body, "outcome", true, 2000));
      case "cancel" -> api.cancelTask(agent, number, request.string(body, "reason", true, 2000));
      case "payment-button" -> api.requestTaskPayment(agent, number, request.money(body, "", true),
          request.string(body, "description", true, 200));
      default -> throw new BadRequest(404, "not_found", "no action '" + abbreviate(s[2]) + "' on a task");
    };
    return Answer.ok(wrap("task", AgentJson.task(task)));
  }

  private Agent authenticate(Request request) {
    if (tokens.isEmpty()) {
      throw new BadRequest(401, "unauthorized", "the inbox is closed: no agent is configured (PARLEY_AGENT_TOKENS)");
    }
    String authorization = request.header("Authorization");
    if (authorization != null) {
      if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return tokens.authenticate(authorization.substring(7).strip()).orElseThrow(AgentHttpApi::unauthorized);
      }
      throw unauthorized();
    }
    String session = request.cookie(SESSION_COOKIE);
    if (session != null) {
      if (!"1".equals(request.header(INBOX_HEADER))) {
        throw new BadRequest(401, "unauthorized", "a request signed in by cookie must carry the header "
            + INBOX_HEADER + ": 1");
      }
      return sessions.find(session).orElseThrow(AgentHttpApi::unauthorized);
    }
    throw unauthorized();
  }

  /** {@code {"agent": {"name": "alice"}}}: who is signed in, the same in every answer that says so. */
  private static JsonObject signedIn(Agent agent) {
    JsonObject who = new JsonObject();
    who.addProperty("name", agent.name());
    return wrap("agent", who);
  }

  private static BadRequest unauthorized() {
    return new BadRequest(401, "unauthorized", "sign in with an agent token: Authorization: Bearer <token>, "
        + "or POST /inbox/api/session");
  }

  private static BadRequest methodNotAllowed(Request request, String allowed) {
    return new BadRequest(405, "method_not_allowed", request.method + " is not allowed here; use " + allowed);
  }

  private static String cookie(String value, Request request, int maxAge) {
    boolean https = "https".equalsIgnoreCase(request.header("X-Forwarded-Proto"));
    return SESSION_COOKIE + "=" + value + "; Path=/inbox; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : "");
  }

  private static <T> JsonObject list(String name, List<T> items, java.util.function.Function<T, ? extends JsonElement> mapper) {
    return wrap(name, AgentJson.array(items, mapper));
  }

  private static JsonObject wrap(String name, JsonElement element) {
    JsonObject json = new JsonObject();
    json.add(name, element);
    return json;
  }

  private static long parseNumber(String segment) {
    String digits = segment.startsWith("%23") ? segment.substring(3) : segment;
    try {
      long number = Long.parseLong(digits);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(400, "invalid", "task number '" + abbreviate(segment) + "' is not a positive number");
  }

  /**
   * A path segment without its %-escapes. Unlike a query (form encoding), a '+' in a path is a
   * plus sign (RFC 3986), so it is protected from {@link URLDecoder}, which would make it a space.
   */
  static String decodePathSegment(String segment) {
    return decodeForm(segment.replace("+", "%2B"));
  }

  /** A query name or value, where '+' is a space. */
  private static String decodeForm(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "invalid", "malformed %-escape in '" + abbreviate(text) + "'");
    }
  }

  static String abbreviate(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 60 ? clean : clean.substring(0, 59) + "…";
  }

  @Override
  public String toString() {
    return "AgentHttpApi[" + tokens + "]";
  }

  /** An answer to write. */
  private record Answer(int status, JsonObject body, String cookie) {
    static Answer ok(JsonObject body) {
      return new Answer(200, body, null);
    }
  }

  /** A 4xx answer with its code and message. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    BadRequest(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  /** One request: method, path segments, query, headers, cookies, body read within the limit. */
  private static final class Request {
    final String method;
    final String[] segments;
    final Map<String, String> query;
    final HttpExchange exchange;
    private JsonObject json;

    private Request(HttpExchange exchange) {
      this.exchange = exchange;
      this.method = exchange.getRequestMethod();
      this.segments = HttpExchanges.segments(HttpExchanges.path(exchange), PREFIX);
      this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    static Request read(HttpExchange exchange) {
      return new Request(exchange);
    }

    void expect(boolean pathOk, String allowedMethod) {
      if (!pathOk) {
        throw new BadRequest(404, "not_found", "nothing at this path");
      }
      if (!method.equals(allowedMethod)) {
        exchange.getResponseHeaders().set("Allow", allowedMethod);
        throw methodNotAllowed(this, allowedMethod);
      }
    }

    String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    String cookie(String name) {
      List<String> headers = exchange.getRequestHeaders().get("Cookie");
      if (headers == null) {
        return null;
      }
      for (String header : headers) {
        for (String pair : header.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
            return pair.substring(eq + 1).strip();
          }
        }
      }
      return null;
    }

    String parameter(String name) {
      return query.get(name);
    }

    int intParameter(String name, int fallback, int min, int max) {
      long value = longParameter(name, fallback);
      if (value < min || value > max) {
        throw new BadRequest(400, "invalid", name + " " + value + " must be between " + min + " and " + max);
      }
      return (int) value;
    }

    long longParameter(String name, long fallback) {
      String value = query.get(name);
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "invalid", name + " '" + abbreviate(value) + "' is not a whole number");
      }
    }

    <E extends Enum<E>> Set<E> statuses(String name, Class<E> type, Set<E> fallback) {
      String value = query.get(name);
      if (value == null || value.isBlank()) {
        return fallback;
      }
      Set<E> result = EnumSet.noneOf(type);
      for (String part : value.split(",")) {
        try {
          result.add(Enum.valueOf(type, part.strip().replace('-', '_').toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new BadRequest(400, "invalid", name + " '" + abbreviate(part) + "' is not one of "
              + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
        }
      }
      return result;
    }

    JsonObject json() throws IOException {
      if (json != null) {
        return json;
      }
      byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
      if (body.length == 0) {
        throw new BadRequest(400, "invalid", "the body is empty; send a JSON object");
      }
      try {
        JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        if (!parsed.isJsonObject()) {
          throw new BadRequest(400, "invalid", "the body must be a JSON object");
        }
        json = parsed.getAsJsonObject();
        return json;
      } catch (JsonParseException | IllegalStateException e) {
        throw new BadRequest(400, "invalid", "the body is not valid JSON");
      }
    }

    String string(JsonObject body, String field, boolean required, int limit) {
      JsonElement element = body.get(field);
      if (element == null || element.isJsonNull()) {
        if (required) {
          throw new BadRequest(400, "invalid", "'" + field + "' is required");
        }
        return null;
      }
      if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
        throw new BadRequest(400, "invalid", "'" + field + "' must be a string");
      }
      String value = element.getAsString();
      if (value.length() > limit) {
        throw new BadRequest(400, "invalid", "'" + field + "' is " + value.length() + " characters; at most " + limit);
      }
      if (required && value.isBlank()) {
        throw new BadRequest(400, "invalid", "'" + field + "' is empty");
      }
      return value;
    }

    boolean bool(JsonObject body, String field) {
      JsonElement element = body.get(field);
      if (element == null || element.isJsonNull()) {
        return false;
      }
      if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
        throw new BadRequest(400, "invalid", "'" + field + "' must be true or false");
      }
      return element.getAsBoolean();
    }

    /**
     * {@code "amount": "42.00", "currency": "EUR"}; null when not required and absent. The amount is
     * checked here, before {@link Money}: a boolean, or a number such as {@code 1e999999999} whose
     * plain form has a billion digits, must be a 400, not a server spending its memory on it.
     */
    Money money(JsonObject body, String where, boolean required) {
      String field = where + "amount";
      JsonElement amount = body.get("amount");
      if (amount == null || amount.isJsonNull()) {
        if (required) {
          throw new BadRequest(400, "invalid", "'" + field + "' is required, such as \"42.00\" with \"currency\": \"EUR\"");
        }
        return null;
      }
      String text = amount.isJsonPrimitive() && !amount.getAsJsonPrimitive().isBoolean() ? amount.getAsString() : null;
      if (text == null || text.length() > MAX_AMOUNT_CHARS || !AMOUNT.matcher(text).matches()) {
        throw new BadRequest(400, "invalid", "'" + field + "' " + abbreviate(amount.toString())
            + " is not a decimal amount such as \"42.00\": digits with an optional '.', at most "
            + MAX_AMOUNT_CHARS + " characters");
      }
      String currency = string(body, "currency", true, 3);
      return Money.parse(text, currency.toUpperCase(java.util.Locale.ROOT));
    }

    TaskSlots slots(JsonObject body) {
      JsonElement element = body.get("slots");
      if (element == null || element.isJsonNull()) {
        return TaskSlots.EMPTY;
      }
      if (!element.isJsonObject()) {
        throw new BadRequest(400, "invalid", "'slots' must be an object");
      }
      JsonObject slots = element.getAsJsonObject();
      Money budget = null;
      JsonElement budgetElement = slots.get("budget");
      if (budgetElement != null && !budgetElement.isJsonNull()) {
        if (!budgetElement.isJsonObject()) {
          throw new BadRequest(400, "invalid", "'slots.budget' must be {\"amount\": \"120.00\", \"currency\": \"EUR\"}");
        }
        budget = money(budgetElement.getAsJsonObject(), "slots.budget.", true);
      }
      return new TaskSlots(string(slots, "what", false, 500), string(slots, "when", false, 500),
          string(slots, "where", false, 500), string(slots, "forWhom", false, 500), budget,
          string(slots, "notes", false, 4000));
    }

    private static Map<String, String> parseQuery(String raw) {
      Map<String, String> query = new HashMap<>();
      if (raw == null || raw.isEmpty()) {
        return query;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.putIfAbsent(decodeForm(name), decodeForm(value));
      }
      return query;
    }
  }
}
