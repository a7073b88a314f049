package dev.parley.core.handover;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.AuthenticationException;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.Parley;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.Recipient;
import dev.parley.core.internal.send.Account;
import dev.parley.core.internal.send.SendConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Messenger's Handover Protocol (now Conversation Routing, which keeps these calls): pass the
 * thread of a conversation to another app (Meta's Page Inbox, where a team answers in Meta Business
 * Suite), take it back, or ask the owner for it. Only the thread's owner may send; while Meta's inbox
 * owns it, the bot stays silent. The webhook side arrives as {@link dev.parley.core.webhook.Handover}
 * events.
 *
 * <pre>{@code
 * ThreadControl threads = ThreadControl.builder().messengerPage(pageId, pageToken).appSecret(appSecret).build();
 * threads.pass(customer, ThreadControl.PAGE_INBOX_APP_ID, "customer asked for a person");
 * threads.take(customer, "agent done");
 * }</pre>
 *
 * <p>Calls are {@code POST /{version}/me/pass_thread_control} (and {@code take_…}, {@code request_…})
 * with the page token in the {@code Authorization} header, never in the URL. Failures are {@link
 * ParleyException} subclasses; messages never contain the token. Thread-safe; build one and share it.
 */
public final class ThreadControl {
  /** The app id of Meta's Page Inbox, the usual target of a pass (Meta: handover-protocol/pass-thread-control). */
  public static final String PAGE_INBOX_APP_ID = "263902037430900";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final String graphApiBase;
  private final String graphVersion;
  private final Map<String, Account> pages;

  private ThreadControl(Builder builder) {
    this.http = new OkHttpClient.Builder().callTimeout(builder.callTimeout).build();
    this.graphApiBase = builder.graphApiBase;
    this.graphVersion = builder.graphVersion;
    Map<String, Account> withProofs = new LinkedHashMap<>();
    builder.pages.forEach((id, account) -> withProofs.put(id, account.withAppSecret(builder.appSecret)));
    this.pages = Map.copyOf(withProofs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Passes the thread to the app {@code targetAppId} ({@link #PAGE_INBOX_APP_ID} for Meta's inbox). */
  public void pass(Recipient conversation, String targetAppId, String metadata) {
    if (targetAppId == null || !targetAppId.matches("[0-9]{1,32}")) {
      throw new InvalidRequestException("targetAppId '" + targetAppId + "' is not an app id (digits)");
    }
    JsonObject body = body(conversation, metadata);
    body.addProperty("target_app_id", targetAppId);
    call(conversation, "pass_thread_control", body);
  }

  /** Takes the thread back (the primary receiver, or any app while the thread is idle). */
  public void take(Recipient conversation, String metadata) {
    call(conversation, "take_thread_control", body(conversation, metadata));
  }

  /** Asks the thread's owner to pass it to this app. */
  public void request(Recipient conversation, String metadata) {
    call(conversation, "request_thread_control", body(conversation, metadata));
  }

  private JsonObject body(Recipient conversation, String metadata) {
    Objects.requireNonNull(conversation, "conversation");
    if (conversation.channel() != Channel.MESSENGER) {
      throw new InvalidRequestException("thread control is a Messenger feature; " + conversation.key() + " is on "
          + conversation.channel());
    }
    if (metadata != null && metadata.length() > 1000) {
      throw new InvalidRequestException("thread control metadata is " + metadata.length() + " characters; Messenger allows 1000");
    }
    JsonObject body = new JsonObject();
    JsonObject recipient = new JsonObject();
    recipient.addProperty("id", conversation.userId());
    body.add("recipient", recipient);
    if (metadata != null) {
      body.addProperty("metadata", metadata);
    }
    return body;
  }

  private void call(Recipient conversation, String endpoint, JsonObject body) {
    Account page = pages.get(conversation.businessId());
    if (page == null) {
      throw new InvalidRequestException("no page token for page " + conversation.businessId() + ": add it with "
          + "ThreadControl.builder().messengerPage(...)");
    }
    HttpUrl.Builder url = HttpUrl.get(graphApiBase).newBuilder().addPathSegment(graphVersion).addPathSegment("me")
        .addPathSegment(endpoint);
    if (page.appSecretProof() != null) {
      url.addQueryParameter("appsecret_proof", page.appSecretProof());
    }
    Request request = new Request.Builder().url(url.build())
        .header("Authorization", "Bearer " + page.token())
        .post(RequestBody.create(body.toString(), JSON))
        .build();
    String what = endpoint + " for " + conversation.key();
    try (Response response = http.newCall(request).execute()) {
      String answer = response.body().string();
      if (response.isSuccessful()) {
        return;
      }
      throw failure(what, response.code(), answer.replace(page.token(), "[redacted]"));
    } catch (IOException e) {
      throw new ConnectionException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static ParleyException failure(String what, int status, String answer) {
    Integer code = null;
    Integer subcode = null;
    String message = null;
    String trace = null;
    try {
      JsonObject error = JsonParser.parseString(answer).getAsJsonObject().getAsJsonObject("error");
      if (error != null) {
        code = error.has("code") ? error.get("code").getAsInt() : null;
        subcode = error.has("error_subcode") ? error.get("error_subcode").getAsInt() : null;
        message = error.has("message") ? error.get("message").getAsString() : null;
        trace = error.has("fbtrace_id") ? error.get("fbtrace_id").getAsString() : null;
      }
    } catch (RuntimeException notJson) {
      // Not Graph's error shape: the status says enough.
    }
    String text = what + ": HTTP " + status + (code == null ? "" : ", code " + code) + (message == null ? "" : ": " + message);
    boolean retryable = status >= 500 || status == 429;
    PlatformError error = new PlatformError(status, code, subcode, trace, retryable);
    if (status == 401 || status == 403 || (code != null && code == 190)) {
      return new AuthenticationException(text, error, null);
    }
    if (retryable) {
      return new PlatformUnavailableException(text, error, null);
    }
    return new InvalidRequestException(text, error, null);
  }

  @Override
  public String toString() {
    return "ThreadControl[" + graphApiBase + "/" + graphVersion + ", pages=" + pages.keySet() + "]";
  }

  /** Configures a {@link ThreadControl}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Account> pages = new LinkedHashMap<>();
    private String graphApiBase = Parley.DEFAULT_GRAPH_API_BASE;
    private String graphVersion = Parley.DEFAULT_GRAPH_VERSION;
    private String appSecret;
    private Duration callTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** A page and its page access token; call once per page. */
    public Builder messengerPage(String pageId, String pageAccessToken) {
      Account account = Account.of(Channel.MESSENGER, pageId, pageAccessToken);
      pages.put(pageId, account);
      return this;
    }

    /** The app secret, so every call carries {@code appsecret_proof}. */
    public Builder appSecret(String appSecret) {
      if (appSecret == null || appSecret.isBlank()) {
        throw new InvalidRequestException("appSecret must not be blank");
      }
      this.appSecret = appSecret;
      return this;
    }

    public Builder graphApiBase(String baseUrl) {
      this.graphApiBase = SendConfig.requireBaseUrl(baseUrl);
      return this;
    }

    public Builder graphVersion(String version) {
      if (version == null || !version.matches("v[0-9]{1,3}\\.[0-9]{1,2}")) {
        throw new InvalidRequestException("graphVersion '" + version + "' is not a Graph API version like v25.0");
      }
      this.graphVersion = version;
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      this.callTimeout = SendConfig.requireTimeout("callTimeout", timeout);
      return this;
    }

    public ThreadControl build() {
      if (pages.isEmpty()) {
        throw new InvalidRequestException("no page: add one with messengerPage(pageId, pageAccessToken)");
      }
      return new ThreadControl(this);
    }
  }
}
