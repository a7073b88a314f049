package dev.parley.core.handover;

import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.internal.send.SendEngine;
import java.util.Objects;

/**
 * Messenger's Handover Protocol (now Conversation Routing, which keeps these calls): pass the
 * thread of a conversation to another app (Meta's Page Inbox, where a team answers in Meta Business
 * Suite), take it back, or ask the owner for it. Only the thread's owner may send; while Meta's inbox
 * owns it, the bot stays silent. The webhook side arrives as {@link dev.parley.core.webhook.Handover}
 * events.
 *
 * <pre>{@code
 * ThreadControl threads = parley.threadControl();
 * threads.pass(customer, ThreadControl.PAGE_INBOX_APP_ID, "customer asked for a person");
 * threads.take(customer, "agent done");
 * }</pre>
 *
 * <p>It comes from {@link Parley#threadControl()} and uses that client's pages, app secret, Graph
 * base and version, and connection pool. Calls are {@code POST /{version}/me/pass_thread_control}
 * (and {@code take_…}, {@code request_…}) with the page token in the {@code Authorization} header,
 * never in the URL. Failures are {@link ParleyException} subclasses, as for sends; messages never
 * contain the token. Thread-safe.
 */
public final class ThreadControl {
  /** The app id of Meta's Page Inbox, the usual target of a pass (Meta: handover-protocol/pass-thread-control). */
  public static final String PAGE_INBOX_APP_ID = "263902037430900";

  private final SendEngine engine;

  /** Public for wiring only: get one from {@link Parley#threadControl()}. */
  public ThreadControl(SendEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
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
    engine.postAsPage(conversation, endpoint, body);
  }

  @Override
  public String toString() {
    return "ThreadControl[" + engine + "]";
  }
}
