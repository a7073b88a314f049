package dev.parley.bot.agent;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Optional;

/**
 * Who is asking the agent API: a bearer token of {@link AgentTokens}, or the session cookie that
 * {@code /inbox/api/session} opens and closes, valid only with the {@link AgentHttpApi#INBOX_HEADER}
 * header (a page of another site cannot set it). Thread-safe.
 */
final class AgentSignIn {
  private final AgentTokens tokens;
  private final AgentSessions sessions;

  AgentSignIn(AgentTokens tokens, AgentSessions sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /** {@code /inbox/api/session}: POST signs in with a token, DELETE signs out, GET says who is signed in. */
  ApiAnswer session(ApiRequest request) throws IOException {
    switch (request.method) {
      case "POST": {
        JsonObject body = request.json();
        Optional<Agent> agent = tokens.authenticate(request.string(body, "token", true, 1024));
        if (agent.isEmpty()) {
          throw unauthorized();
        }
        String id = sessions.open(agent.get());
        return new ApiAnswer(200, signedIn(agent.get()), cookie(id, request, (int) AgentSessions.LIFETIME.toSeconds()));
      }
      case "DELETE":
        sessions.close(request.cookie(AgentHttpApi.SESSION_COOKIE));
        return new ApiAnswer(204, null, cookie("", request, 0));
      case "GET":
        return ApiAnswer.ok(signedIn(authenticate(request)));
      default:
        throw BadRequest.methodNotAllowed(request.method, "GET, POST, DELETE");
    }
  }

  /** The agent the request is signed in as, or a 401. */
  Agent authenticate(ApiRequest request) {
    if (tokens.isEmpty()) {
      throw new BadRequest(401, "unauthorized", "the inbox is closed: no agent is configured (PARLEY_AGENT_TOKENS)");
    }
    String authorization = request.header("Authorization");
    if (authorization != null) {
      if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return tokens.authenticate(authorization.substring(7).strip()).orElseThrow(AgentSignIn::unauthorized);
      }
      throw unauthorized();
    }
    String session = request.cookie(AgentHttpApi.SESSION_COOKIE);
    if (session != null) {
      if (!"1".equals(request.header(AgentHttpApi.INBOX_HEADER))) {
        throw new BadRequest(401, "unauthorized", "a request signed in by cookie must carry the header "
            + AgentHttpApi.INBOX_HEADER + ": 1");
      }
      return sessions.find(session).orElseThrow(AgentSignIn::unauthorized);
    }
    throw unauthorized();
  }

  /** {@code {"agent": {"name": "alice"}}}: who is signed in, the same in every answer that says so. */
  static JsonObject signedIn(Agent agent) {
    JsonObject who = new JsonObject();
    who.addProperty("name", agent.name());
    return ApiAnswer.wrap("agent", who);
  }

  private static BadRequest unauthorized() {
    return new BadRequest(401, "unauthorized", "sign in with an agent token: Authorization: Bearer <token>, "
        + "or POST /inbox/api/session");
  }

  private static String cookie(String value, ApiRequest request, int maxAge) {
    boolean https = "https".equalsIgnoreCase(request.header("X-Forwarded-Proto"));
    return AgentHttpApi.SESSION_COOKIE + "=" + value + "; Path=/inbox; Max-Age=" + maxAge
        + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
  }
}
