package dev.parley.testkit;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Messenger Platform endpoints Parley uses: the Send API (messages and sender actions) with
 * its messaging-type, tag and 24-hour-window rules, thread control (Handover Protocol) and the User
 * Profile API (platforms.md 1.1 to 1.5). Thread-safe: state changes happen under the
 * {@link GraphState} monitor.
 */
final class MessengerApi {
  static final Duration STANDARD_WINDOW = Duration.ofHours(24);
  static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
  /** Meta's Page Inbox app, the usual target of {@code pass_thread_control} (platforms.md 1.5). */
  static final String PAGE_INBOX_APP_ID = "263902037430900";
  private static final Set<String> TAGS =
      Set.of("CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE", "HUMAN_AGENT");
  private static final Set<String> PROFILE_FIELDS =
      Set.of("id", "name", "first_name", "last_name", "profile_pic", "locale", "timezone", "gender");
  private static final Fields F = Fields.MESSENGER;

  private final GraphState state;
  private final SandboxClock clock;

  MessengerApi(GraphState state, SandboxClock clock) {
    this.state = state;
    this.clock = clock;
  }

  Response send(GraphState.Page page, JsonObject body) {
    JsonObject recipient = F.requireObject(body, "recipient", "recipient");
    String psid = F.requireString(recipient, "id", "recipient[id]");
    boolean hasMessage = body.has("message") && !body.get("message").isJsonNull();
    boolean hasAction = body.has("sender_action") && !body.get("sender_action").isJsonNull();
    if (hasMessage && hasAction) {
      throw F.invalid("Cannot send both message and state at the same time: send message or sender_action");
    }
    if (!hasMessage && !hasAction) {
      throw F.missing("message or sender_action");
    }
    String notification = F.optionalString(body, "notification_type", "notification_type");
    if (notification != null) {
      F.checkOneOf("notification_type", notification, "REGULAR", "SILENT_PUSH", "NO_PUSH");
    }
    if (hasAction) {
      return senderAction(page, psid, body);
    }
    String messagingType = F.requireString(body, "messaging_type", "messaging_type");
    F.checkOneOf("messaging_type", messagingType, "RESPONSE", "UPDATE", "MESSAGE_TAG");
    String tag = F.optionalString(body, "tag", "tag");
    if (messagingType.equals("MESSAGE_TAG")) {
      if (tag == null) {
        throw F.missing("tag (messaging_type MESSAGE_TAG needs a tag)");
      }
      if (!TAGS.contains(tag)) {
        throw F.invalid("tag '" + Redaction.cut(tag) + "' is not a current message tag; use one of "
            + String.join(", ", new java.util.TreeSet<>(TAGS)) + " (the older tags were retired on 2020-03-04)");
      }
    } else if (tag != null) {
      throw F.invalid("tag '" + Redaction.cut(tag) + "' is only allowed with messaging_type MESSAGE_TAG, not "
          + messagingType);
    }
    JsonObject message = F.requireObject(body, "message", "message");
    RenderedMessage rendered = MessengerMessageRules.check(message);
    UploadedMediaRules.checkMessenger(state.media(), clock.now(), page.pageId(), message);
    synchronized (state) {
      CustomerState customer = reachableCustomer(page, psid);
      checkWindow(customer, tag);
      String mid = Ids.messengerMid();
      SentMessage sent = new SentMessage(SentMessage.Platform.MESSENGER, page.pageId(), psid, mid, rendered.kind(),
          rendered.summary(), tag, rendered.titles(), JsonText.toText(message), clock.now());
      state.recordSent(customer, sent, rendered.offeredBy(mid));
      JsonObject answer = new JsonObject();
      answer.addProperty("recipient_id", psid);
      answer.addProperty("message_id", mid);
      return Response.graphJson(200, answer);
    }
  }

  private Response senderAction(GraphState.Page page, String psid, JsonObject body) {
    String action = F.requireString(body, "sender_action", "sender_action");
    F.checkOneOf("sender_action", action, "typing_on", "typing_off", "mark_seen", "react", "unreact");
    if (action.equals("react") || action.equals("unreact")) {
      JsonObject payload = F.requireObject(body, "payload", "payload");
      F.requireString(payload, "message_id", "payload[message_id]");
      if (action.equals("react")) {
        F.requireString(payload, "reaction", "payload[reaction]");
      }
    }
    synchronized (state) {
      CustomerState customer = reachableCustomer(page, psid);
      checkWindow(customer, null);
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("recipient_id", psid);
    return Response.graphJson(200, answer);
  }

  /** The customer, if they exist, can receive messages and our app owns their thread. Call holding the state. */
  private CustomerState reachableCustomer(GraphState.Page page, String psid) {
    CustomerState customer = state.customer(SentMessage.Platform.MESSENGER, page.pageId(), psid);
    if (customer == null) {
      throw GraphError.graph(400, 100, 2018001, "No matching user found");
    }
    if (!customer.available) {
      throw GraphError.graph(400, 551, 1545041, "This person isn't available right now.");
    }
    if (!state.appId().equals(customer.threadOwnerAppId)) {
      throw GraphError.graph(400, 10, 2018300, "Another app (" + customer.threadOwnerAppId
          + ") controls this thread now; take or request thread control first");
    }
    return customer;
  }

  /**
   * The standard window is 24 hours from the customer's last message; HUMAN_AGENT extends it to 7 days;
   * the other tags are allowed any time (Meta: messenger-platform/policy, send-messages/message-tags).
   */
  private void checkWindow(CustomerState customer, String tag) {
    if ("HUMAN_AGENT".equals(tag)) {
      if (!within(customer.lastInbound, HUMAN_AGENT_WINDOW)) {
        throw GraphError.graph(400, 10, 2018278, "This message is sent outside of allowed window. HUMAN_AGENT "
            + "replies are allowed up to 7 days after the person's last message" + since(customer.lastInbound));
      }
    } else if (tag == null && !within(customer.lastInbound, STANDARD_WINDOW)) {
      throw GraphError.graph(400, 10, 2018278, "This message is sent outside of allowed window. "
          + "Without a message tag, messages are allowed up to 24 hours after the person's last message"
          + since(customer.lastInbound));
    }
  }

  private boolean within(Instant lastInbound, Duration window) {
    return lastInbound != null && !clock.now().isAfter(lastInbound.plus(window));
  }

  private String since(Instant lastInbound) {
    if (lastInbound == null) {
      return "; this person never wrote to the page";
    }
    Duration ago = Duration.between(lastInbound, clock.now());
    return "; the last one was " + ago.toHours() + " hours ago";
  }

  Response threadControl(GraphState.Page page, String action, JsonObject body) {
    JsonObject recipient = F.requireObject(body, "recipient", "recipient");
    String psid = F.requireString(recipient, "id", "recipient[id]");
    F.optionalText(body, "metadata", "metadata", 1000);
    synchronized (state) {
      CustomerState customer = state.customer(SentMessage.Platform.MESSENGER, page.pageId(), psid);
      if (customer == null) {
        throw GraphError.graph(400, 100, 2018001, "No matching user found");
      }
      switch (action) {
        case "pass_thread_control": {
          String target = F.requireString(body, "target_app_id", "target_app_id");
          if (!state.appId().equals(customer.threadOwnerAppId)) {
            throw GraphError.graph(400, 10, 2018300, "This app does not control the thread; app "
                + customer.threadOwnerAppId + " does");
          }
          if (target.equals(state.appId())) {
            throw F.invalid("target_app_id " + target + " is this app; pass control to another app");
          }
          customer.threadOwnerAppId = target;
          break;
        }
        case "take_thread_control":
          customer.threadOwnerAppId = state.appId();
          break;
        default:
          // request_thread_control: the owner decides; the sandbox only acknowledges the request.
          break;
      }
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("success", true);
    return Response.graphJson(200, answer);
  }

  Response profile(GraphState.Page page, String psid, String fieldsParameter) {
    List<String> requested = fieldsParameter == null || fieldsParameter.isBlank()
        ? List.of("first_name", "last_name", "profile_pic")
        : List.of(fieldsParameter.split(","));
    Set<String> fields = new LinkedHashSet<>();
    for (String field : requested) {
      String f = field.trim();
      if (!PROFILE_FIELDS.contains(f)) {
        throw GraphError.graph(400, 100, null, "Tried accessing nonexisting field (" + Redaction.cut(f)
            + ") on node type (User)");
      }
      fields.add(f);
    }
    CustomerState customer;
    synchronized (state) {
      customer = state.customer(SentMessage.Platform.MESSENGER, page.pageId(), psid);
    }
    if (customer == null) {
      throw GraphError.graph(400, 100, 33, "Unsupported get request. Object with ID '" + Redaction.cut(psid)
          + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
    }
    JsonObject answer = new JsonObject();
    for (String f : fields) {
      switch (f) {
        case "name" -> answer.addProperty("name", customer.name);
        case "first_name" -> answer.addProperty("first_name", customer.firstName());
        case "last_name" -> answer.addProperty("last_name", customer.lastName());
        case "profile_pic" -> answer.addProperty("profile_pic", "https://platform-lookaside.example/profile/" + psid);
        case "locale" -> answer.addProperty("locale", "en_US");
        case "timezone" -> answer.addProperty("timezone", 0);
        case "gender" -> answer.addProperty("gender", "unknown");
        default -> { }
      }
    }
    answer.addProperty("id", psid);
    return Response.graphJson(200, answer);
  }
}
