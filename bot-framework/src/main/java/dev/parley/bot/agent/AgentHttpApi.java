package dev.parley.bot.agent;

import static dev.parley.bot.agent.ApiRequest.abbreviate;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.bot.agent.internal.AgentJson;
import dev.parley.bot.agent.internal.HttpExchanges;
import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskStatus;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.core.ParleyException;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
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
 * the messaging policy refuses a reply, 501 for an attachment of a WhatsApp number the client has
 * no token for, 502 when the platform fails, 503 without payments. Bad input never gets a 500.
 *
 * <p>One answer is not JSON: {@code GET .../conversations/{id}/messages/{n}/attachments/{i}}
 * answers a customer's WhatsApp file with its own MIME type ({@link AgentApi#attachment}).
 * Thread-safe.
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

  private final AgentApi api;
  private final AgentTokens tokens;
  private final AgentSignIn signIn;

  public AgentHttpApi(AgentApi api, AgentTokens tokens) {
    this(api, tokens, Clock.systemUTC());
  }

  public AgentHttpApi(AgentApi api, AgentTokens tokens, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.signIn = new AgentSignIn(tokens, new AgentSessions(Objects.requireNonNull(clock, "clock")));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      ApiRequest request = ApiRequest.read(exchange);
      ApiAnswer answer = route(request);
      // an attachment's temporary file is deleted once sent, and when the client goes away mid-way;
      // a failed delete is logged by close(), never thrown, so a file already sent never becomes a 500
      try (AttachmentFile file = answer.file()) {
        if (answer.cookie() != null) {
          exchange.getResponseHeaders().add("Set-Cookie", answer.cookie());
        }
        HttpExchanges.drain(exchange);
        if (file != null) {
          sendFile(exchange, file);
        } else if (answer.status() == 204) {
          HttpExchanges.send(exchange, 204, "application/json; charset=utf-8", new byte[0]);
        } else {
          HttpExchanges.sendJson(exchange, answer.status(), answer.body().toString());
        }
      }
    } catch (DeskException e) {
      sendError(exchange, e.problem().httpStatus(), e.problem().code(), e.getMessage());
    } catch (BadRequest e) {
      sendError(exchange, e.status, e.code, e.getMessage());
    } catch (MediaNotConfigured e) {
      sendError(exchange, 501, "not_configured", e.getMessage());
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

  /**
   * A customer's file as its own MIME type: shown in place only for raster images, saved otherwise;
   * never sniffed into something else, never cached (it is a customer's data), and sandboxed should
   * it be opened as a document, so it can run nothing in the inbox's origin. Streamed from its
   * temporary file with its length as {@code Content-Length}.
   */
  private static void sendFile(HttpExchange exchange, AttachmentFile file) throws IOException {
    exchange.getResponseHeaders().set("Content-Disposition", AttachmentFiles.contentDisposition(file));
    exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox");
    exchange.getResponseHeaders().set("Cache-Control", "private, no-store");
    HttpExchanges.sendFile(exchange, 200, file.mimeType(), file.path());
  }

  private ApiAnswer route(ApiRequest request) throws IOException {
    String[] s = request.segments;
    if (s.length == 1 && s[0].equals("session")) {
      return signIn.session(request);
    }
    Agent agent = signIn.authenticate(request);
    if (s.length == 0) {
      throw new BadRequest(404, "not_found", "see INBOX_API.md for the endpoints under /inbox/api/");
    }
    switch (s[0]) {
      case "me":
        request.expect(s.length == 1, "GET");
        JsonObject me = AgentSignIn.signedIn(agent);
        me.addProperty("paymentsEnabled", api.paymentsEnabled());
        return ApiAnswer.ok(me);
      case "queue":
        request.expect(s.length == 1, "GET");
        return ApiAnswer.ok(ApiAnswer.list("conversations", api.queue(request.intParameter("limit", 100, 1, 500)),
            AgentJson::queueEntry));
      case "changes":
        request.expect(s.length == 1, "GET");
        JsonObject changes = new JsonObject();
        long since = request.longParameter("since", -1);
        long version = api.changeVersion(); // read once: a change between two reads would make them disagree
        changes.addProperty("version", version);
        changes.addProperty("changed", version != since);
        return ApiAnswer.ok(changes);
      case "actions":
        request.expect(s.length == 1, "GET");
        return ApiAnswer.ok(ApiAnswer.list("actions", api.actions(request.parameter("target"),
            request.intParameter("limit", 100, 1, 500)), AgentJson::action));
      case "conversations":
        return conversations(request, agent, s);
      case "tasks":
        return tasks(request, agent, s);
      default:
        throw new BadRequest(404, "not_found", "nothing at /inbox/api/" + abbreviate(String.join("/", s)));
    }
  }

  private ApiAnswer conversations(ApiRequest request, Agent agent, String[] s) throws IOException {
    if (s.length == 1) {
      request.expect(true, "GET");
      Set<HandoffStatus> statuses = request.statuses("status", HandoffStatus.class,
          EnumSet.of(HandoffStatus.WAITING, HandoffStatus.ACTIVE, HandoffStatus.META_INBOX));
      String mine = request.parameter("mine");
      return ApiAnswer.ok(ApiAnswer.list("conversations", api.conversations(statuses,
          "true".equals(mine) ? agent.name() : null, request.intParameter("limit", 100, 1, 500)),
          AgentJson::queueEntry));
    }
    String id = ApiRequest.decodePathSegment(s[1]);
    if (s.length == 2) {
      request.expect(true, "GET");
      return ApiAnswer.ok(AgentJson.conversation(api.conversation(id)));
    }
    if (s.length == 6 && s[2].equals("messages") && s[4].equals("attachments")) {
      request.expect(true, "GET");
      long messageId = positive("message id", s[3], Long.MAX_VALUE - 1);
      int index = (int) positive("attachment index", s[5], 99);
      return ApiAnswer.file(api.attachment(id, messageId, index));
    }
    if (s.length != 3) {
      throw new BadRequest(404, "not_found", "nothing at this conversation path");
    }
    switch (s[2]) {
      case "claim":
        request.expect(true, "POST");
        return ApiAnswer.ok(AgentJson.conversation(api.claim(agent, id)));
      case "read":
        request.expect(true, "POST");
        return ApiAnswer.ok(AgentJson.conversation(api.markRead(agent, id)));
      case "hand-back":
        request.expect(true, "POST");
        return ApiAnswer.ok(AgentJson.conversation(api.handBack(agent, id)));
      case "orders":
        request.expect(true, "GET");
        return ApiAnswer.ok(ApiAnswer.list("orders", api.orders(id), AgentJson::order));
      case "messages":
        if (request.method.equals("GET")) {
          return ApiAnswer.ok(AgentJson.transcript(api.transcript(id, request.longParameter("before", 0),
              request.longParameter("after", 0), request.intParameter("limit", 50, 1, 200))));
        }
        request.expect(true, "POST");
        JsonObject message = new JsonObject();
        message.add("message", AgentJson.message(api.reply(agent, id,
            request.string(request.json(), "text", true, AgentApi.MAX_REPLY))));
        return ApiAnswer.created(message);
      case "payment-button": {
        request.expect(true, "POST");
        JsonObject body = request.json();
        JsonObject json = new JsonObject();
        json.add("payment", AgentJson.paymentLink(api.sendPaymentButton(agent, id, request.money(body, "", true),
            request.string(body, "description", true, 200), request.string(body, "requestId", false, 100))));
        return ApiAnswer.created(json);
      }
      case "refunds": {
        request.expect(true, "POST");
        JsonObject body = request.json();
        JsonObject json = new JsonObject();
        json.add("refund", AgentJson.refund(api.refund(agent, id, request.string(body, "orderId", true, 200),
            request.money(body, "", false), request.string(body, "reason", false, 500),
            request.string(body, "requestId", false, 100))));
        return ApiAnswer.created(json);
      }
      default:
        throw new BadRequest(404, "not_found", "no action '" + abbreviate(s[2]) + "' on a conversation");
    }
  }

  private ApiAnswer tasks(ApiRequest request, Agent agent, String[] s) throws IOException {
    if (s.length == 1) {
      if (request.method.equals("GET")) {
        Set<TaskStatus> statuses = request.statuses("status", TaskStatus.class, TaskStatus.OPEN);
        return ApiAnswer.ok(ApiAnswer.list("tasks", api.tasks(statuses, request.intParameter("limit", 100, 1, 500)),
            AgentJson::task));
      }
      request.expect(true, "POST");
      JsonObject body = request.json();
      TaskKind kind = TaskKind.fromWireName(request.string(body, "kind", true, 40));
      ConciergeTask task = api.createTask(agent, request.string(body, "conversationId", true, 300), kind,
          request.slots(body), request.string(body, "language", false, 10));
      return ApiAnswer.created(ApiAnswer.wrap("task", AgentJson.task(task)));
    }
    long number = parseNumber(s[1]);
    if (s.length == 2) {
      request.expect(true, "GET");
      return ApiAnswer.ok(ApiAnswer.wrap("task", AgentJson.task(api.task(number))));
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
    return ApiAnswer.ok(ApiAnswer.wrap("task", AgentJson.task(task)));
  }

  /** A path segment that must be a whole number from 0 (an index) or 1 (an id) to {@code max}; else 400. */
  private static long positive(String field, String segment, long max) {
    long min = field.endsWith("index") ? 0 : 1;
    if (segment.length() <= 19 && segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        long value = Long.parseLong(segment);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // 19 digits past Long.MAX_VALUE: reported below
      }
    }
    throw new BadRequest(400, "invalid", field + " '" + abbreviate(segment)
        + "' is not a whole number from " + min + " to " + max);
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

  @Override
  public String toString() {
    return "AgentHttpApi[" + tokens + "]";
  }
}
