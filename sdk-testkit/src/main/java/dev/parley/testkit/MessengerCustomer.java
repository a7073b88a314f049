package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A customer of a Messenger page, played by the sandbox: what they do reaches the merchant's webhook
 * as Meta would send it, signed with the app secret; what the merchant sends them is kept. Writing
 * (text, quick reply, postback) opens the 24-hour window; reads and deliveries do not. While another
 * app owns the thread, their events arrive on {@code standby}.
 *
 * <pre>{@code
 * MessengerCustomer ada = sandbox.messengerCustomer("1001", "ada-psid", "Ada Lovelace");
 * ada.sendText("Bonjour, mon colis est en retard");
 * ada.awaitMessages(1, Duration.ofSeconds(5));
 * ada.tapQuickReply("Oui");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MessengerCustomer {
  private final CustomerActions actions;
  private final CustomerState state;

  MessengerCustomer(CustomerState state, GraphState graph, MetaWebhooks webhooks, SandboxClock clock) {
    this.actions = new CustomerActions(state, graph, webhooks, clock);
    this.state = state;
  }

  public String pageId() {
    return state.businessId;
  }

  /** The customer's page-scoped id. */
  public String psid() {
    return state.userId;
  }

  /** The name the User Profile API answers. */
  public String name() {
    return state.name;
  }

  /** Writes a text message. The delivery's {@code eventId} is the message's {@code mid}. */
  public WebhookDelivery sendText(String text) {
    JsonObject message = new JsonObject();
    message.addProperty("mid", Ids.messengerMid());
    message.addProperty("text", CustomerActions.requireText("text", text));
    return sendMessage("messenger.message", message);
  }

  /** Sends a picture by URL, as an {@code image} attachment. */
  public WebhookDelivery sendImage(String url) {
    JsonObject payload = new JsonObject();
    payload.addProperty("url", CustomerActions.requireText("url", url));
    JsonObject attachment = new JsonObject();
    attachment.addProperty("type", "image");
    attachment.add("payload", payload);
    JsonArray attachments = new JsonArray();
    attachments.add(attachment);
    JsonObject message = new JsonObject();
    message.addProperty("mid", Ids.messengerMid());
    message.add("attachments", attachments);
    return sendMessage("messenger.message", message);
  }

  /**
   * Taps the quick reply with this title in the newest message that offered one.
   *
   * @throws AssertionError when no message to this customer offered it
   */
  public WebhookDelivery tapQuickReply(String title) {
    CustomerState.OfferedChoice choice = actions.offered(title, List.of("quick_reply"), "quick reply");
    return sendQuickReply(choice.title(), choice.value());
  }

  /** Sends a quick-reply tap with any title and payload (for taps of replies never offered). */
  public WebhookDelivery sendQuickReply(String title, String payload) {
    JsonObject quickReply = new JsonObject();
    quickReply.addProperty("payload", CustomerActions.requireText("payload", payload));
    JsonObject message = new JsonObject();
    message.addProperty("mid", Ids.messengerMid());
    message.addProperty("text", CustomerActions.requireText("title", title));
    message.add("quick_reply", quickReply);
    return sendMessage("messenger.quick_reply", message);
  }

  /**
   * Taps the postback button with this title in the newest message that offered one.
   *
   * @throws AssertionError when no message to this customer offered it (for URL buttons use {@link #buttonUrl})
   */
  public WebhookDelivery tapButton(String title) {
    CustomerState.OfferedChoice choice = actions.offered(title, List.of("postback"), "postback button");
    return sendPostback(choice.title(), choice.value());
  }

  /** Sends a postback with any title and payload. The delivery's {@code eventId} is the postback's {@code mid}. */
  public WebhookDelivery sendPostback(String title, String payload) {
    String mid = Ids.messengerMid();
    Instant now = actions.wrote(mid);
    JsonObject postback = new JsonObject();
    postback.addProperty("title", CustomerActions.requireText("title", title));
    postback.addProperty("payload", CustomerActions.requireText("payload", payload));
    postback.addProperty("mid", mid);
    JsonObject event = MetaWebhooks.messengerEvent(state.businessId, state.userId, now.toEpochMilli());
    event.add("postback", postback);
    return actions.webhooks.messenger("messenger.postback", mid, state.businessId, event, actions.ownedByOtherApp());
  }

  /**
   * The URL behind the newest URL button ({@code web_url}) with this title, such as a payment button:
   * give it to {@link StripeAccount#payCheckoutSession} to pay.
   */
  public String buttonUrl(String title) {
    return actions.offered(title, List.of("web_url"), "URL button").value();
  }

  /** Reads everything received so far: a {@code read} event whose watermark is the newest message's time. */
  public WebhookDelivery readAll() {
    List<SentMessage> all = actions.received();
    actions.takeUndelivered(true);
    Instant now = actions.clock.now();
    JsonObject read = new JsonObject();
    read.addProperty("watermark", all.isEmpty() ? now.toEpochMilli() : all.get(all.size() - 1).sentAt().toEpochMilli());
    JsonObject event = MetaWebhooks.messengerEvent(state.businessId, state.userId, now.toEpochMilli());
    event.add("read", read);
    return actions.webhooks.messenger("messenger.read", null, state.businessId, event, actions.ownedByOtherApp());
  }

  /**
   * Confirms delivery of the messages not confirmed yet: a {@code delivery} event with their {@code mids}
   * and a watermark. As in Meta's examples, the event has no {@code timestamp}.
   */
  public WebhookDelivery confirmDelivery() {
    List<SentMessage> pending = actions.takeUndelivered(false);
    JsonArray mids = new JsonArray();
    pending.forEach(m -> mids.add(m.messageId()));
    JsonObject delivery = new JsonObject();
    delivery.add("mids", mids);
    delivery.addProperty("watermark", pending.isEmpty() ? actions.clock.now().toEpochMilli()
        : pending.get(pending.size() - 1).sentAt().toEpochMilli());
    JsonObject event = MetaWebhooks.messengerEvent(state.businessId, state.userId, null);
    event.add("delivery", delivery);
    return actions.webhooks.messenger("messenger.delivery", null, state.businessId, event, actions.ownedByOtherApp());
  }

  /**
   * Meta's Page Inbox (or another app) hands the thread back to the merchant's app: the thread owner
   * becomes {@link PlatformSandbox#appId()} and a {@code pass_thread_control} event arrives.
   */
  public WebhookDelivery passThreadControlBack(String metadata) {
    String previous;
    synchronized (actions.graph) {
      previous = state.threadOwnerAppId;
      state.threadOwnerAppId = actions.graph.appId();
    }
    JsonObject pass = new JsonObject();
    pass.addProperty("previous_owner_app_id", previous);
    pass.addProperty("new_owner_app_id", actions.graph.appId());
    pass.addProperty("metadata", metadata == null ? "" : metadata);
    JsonObject event = MetaWebhooks.messengerEvent(state.businessId, state.userId, actions.clock.now().toEpochMilli());
    event.add("pass_thread_control", pass);
    return actions.webhooks.messenger("messenger.pass_thread_control", null, state.businessId, event, false);
  }

  /** The app that owns this customer's thread now. */
  public String threadOwnerAppId() {
    synchronized (actions.graph) {
      return state.threadOwnerAppId;
    }
  }

  /** Every message the merchant sent this customer that the sandbox accepted, in order. */
  public List<SentMessage> receivedMessages() {
    return actions.received();
  }

  /**
   * The first {@code count} messages this customer received, waiting up to {@code timeout} for them.
   *
   * @throws AssertionError when fewer arrive in time
   */
  public List<SentMessage> awaitMessages(int count, Duration timeout) {
    return actions.awaitReceived(count, timeout);
  }

  /** False makes sends to this customer fail with 551 "This person isn't available right now" (blocked). */
  public void setAvailable(boolean available) {
    actions.setAvailable(available);
  }

  /** When the customer last wrote (the start of the window), or null if never. */
  public Instant lastMessageAt() {
    return actions.lastMessageAt();
  }

  private WebhookDelivery sendMessage(String kind, JsonObject message) {
    String mid = message.get("mid").getAsString();
    Instant now = actions.wrote(mid);
    JsonObject event = MetaWebhooks.messengerEvent(state.businessId, state.userId, now.toEpochMilli());
    event.add("message", message);
    return actions.webhooks.messenger(kind, mid, state.businessId, event, actions.ownedByOtherApp());
  }

  @Override
  public String toString() {
    return "MessengerCustomer{page=" + state.businessId + ", psid=" + state.userId + "}";
  }
}
