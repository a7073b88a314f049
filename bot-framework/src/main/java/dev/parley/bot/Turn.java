package dev.parley.bot;

import dev.parley.bot.nlu.Understanding;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.SenderAction;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Message;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.Text;
import dev.parley.core.webhook.ButtonReply;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.ListReply;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.Postback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: what happened (a customer's message, a tap, a reminder, a hand-back),
 * what the bot knows about the conversation, and what the bot answers. Handlers and middleware read
 * and write it; the runtime then saves the state, and only once the save succeeded hands the replies
 * to the outbox (dedup keys derived from the event, so a re-run turn never sends twice) and appends
 * them to the history. A failed save sends nothing.
 *
 * <pre>{@code
 * TurnHandler track = turn -> {
 *   String order = turn.memory().string("last_order", null);
 *   if (order == null) {
 *     turn.startFlow("ask_order");
 *   } else {
 *     turn.replyWithQuickReplies("Order " + order + " ships tomorrow. Anything else?", "No thanks", "Talk to a human");
 *   }
 * };
 * }</pre>
 *
 * <p>Turns of one conversation run one at a time, in order; a turn is used by one thread only and is
 * not thread-safe. Do not keep it after the handler returns.
 */
public final class Turn {

  /** What started a turn. */
  public enum Trigger {
    /** The customer wrote (text, a file, a location...). */
    MESSAGE,
    /** The customer tapped a quick reply, a postback button, a reply button or a list row: see {@link #payload()}. */
    TAP,
    /** Another event from the customer or the platform (a referral, a reaction, an order, a handover). */
    EVENT,
    /** A reminder fired: see {@link #reminder()}. */
    REMINDER,
    /** A human handed the conversation back to the bot. */
    HANDED_BACK
  }

  private final TurnContext context;
  private final Trigger trigger;
  private final InboundEvent event;
  private final Reminder reminder;
  final List<Message> replies = new ArrayList<>();

  Turn(TurnContext context, Trigger trigger, InboundEvent event, Reminder reminder) {
    this.context = context;
    this.trigger = trigger;
    this.event = event;
    this.reminder = reminder;
  }

  TurnContext context() {
    return context;
  }

  // ---- what happened -------------------------------------------------------------------------

  public Trigger trigger() {
    return trigger;
  }

  /** The inbound event of a MESSAGE, TAP or EVENT turn; null for reminders and hand-backs. */
  public InboundEvent event() {
    return event;
  }

  /** The reminder of a REMINDER turn, otherwise null. */
  public Reminder reminder() {
    return reminder;
  }

  /** The conversation: channel, business account and customer id. */
  public Recipient recipient() {
    return context.recipient();
  }

  public Channel channel() {
    return context.recipient().channel();
  }

  /**
   * What the customer wrote, or the title of what they tapped; null when there is neither (an image
   * without caption, a reminder).
   */
  public String text() {
    if (event instanceof MessageReceived message) {
      if (message.text() != null) {
        return message.text();
      }
      return message.attachments().stream().map(a -> a.caption()).filter(Objects::nonNull).findFirst().orElse(null);
    }
    if (event instanceof Postback postback) {
      return postback.title();
    }
    if (event instanceof ButtonReply button) {
      return button.title();
    }
    if (event instanceof ListReply row) {
      return row.title();
    }
    return null;
  }

  /** The payload of the quick reply, button or list row the customer tapped; null otherwise. */
  public String payload() {
    return payloadOf(event);
  }

  static String payloadOf(InboundEvent event) {
    if (event instanceof MessageReceived message) {
      return message.quickReplyPayload();
    }
    if (event instanceof Postback postback) {
      return postback.payload();
    }
    if (event instanceof ButtonReply button) {
      return button.payload();
    }
    if (event instanceof ListReply row) {
      return row.rowId();
    }
    return null;
  }

  /**
   * What the bot's recognizer understood of the customer's text: ranked intents with confidence, the
   * language, entities (order numbers, amounts, dates, e-mails, phone numbers). Asked once per turn,
   * on first use. Null when the bot has no recognizer or the turn has no text.
   */
  public Understanding understanding() {
    return context.understanding(text());
  }

  /** The time now on the bot's clock. */
  public Instant now() {
    return context.now();
  }

  // ---- the conversation ----------------------------------------------------------------------

  /** The conversation as stored when the turn began (owner, messaging window, customer id). */
  public Conversation conversation() {
    return context.conversation();
  }

  /** The customer, with their profile and every channel identity known to be theirs. */
  public Customer customer() {
    return context.customer();
  }

  /** Who owns the conversation (as changed by this turn, if it handed off or back). */
  public Owner owner() {
    return context.owner();
  }

  /** The last {@code limit} messages of the customer's history (1 to 500), oldest first, this turn's message included. */
  public List<StoredMessage> history(int limit) {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("history limit must be from 1 to 500, got " + limit);
    }
    return context.history(limit);
  }

  /**
   * The slots of the flow running now (the innermost one); when no flow runs, the conversation's
   * {@linkplain #memory() memory}. Saved with the turn.
   */
  public Slots slots() {
    return context.slots();
  }

  /** What the bot remembers about this conversation across flows. Saved with the turn. */
  public Slots memory() {
    return context.memory();
  }

  /** The innermost running flow's name, or null when no flow runs. */
  public String activeFlow() {
    return context.activeFlow();
  }

  // ---- replies -------------------------------------------------------------------------------

  /** Replies with text. @return this */
  public Turn reply(String text) {
    return reply(new Text(text));
  }

  /** Replies with any message; held until the turn's state is saved. @return this */
  public Turn reply(Message message) {
    Objects.requireNonNull(message, "message");
    if (replies.size() >= TurnContext.MAX_REPLIES) {
      throw new IllegalStateException("a turn sends at most " + TurnContext.MAX_REPLIES + " replies");
    }
    replies.add(message);
    return this;
  }

  /** Replies with text and quick replies whose payloads are their titles. @return this */
  public Turn replyWithQuickReplies(String text, String... titles) {
    List<QuickReply> choices = new ArrayList<>(titles.length);
    for (String title : titles) {
      choices.add(new QuickReply(title, title));
    }
    return reply(new QuickReplies(text, choices));
  }

  /** Replies with text and up to three buttons. @return this */
  public Turn replyWithButtons(String text, Button... buttons) {
    return reply(Buttons.of(text, buttons));
  }

  /** The replies held so far, in order. */
  public List<Message> replies() {
    return Collections.unmodifiableList(replies);
  }

  /** Shows the typing indicator now (it is not held: it means nothing later). @return this */
  public Turn typing() {
    String messageId = event instanceof MessageReceived message ? message.messageId() : null;
    if (channel() == Channel.WHATSAPP && messageId == null) {
      return this; // WhatsApp shows typing only in answer to a customer's message
    }
    context.senderAction(messageId == null ? SenderAction.typingOn() : SenderAction.typingOn(messageId));
    return this;
  }

  // ---- flows ---------------------------------------------------------------------------------

  /**
   * Starts the flow named {@code name} once this handler returns; a running flow is interrupted and
   * resumes when the new one ends.
   */
  public void startFlow(String name) {
    context.requestStartFlow(name);
  }

  /** In a flow's code step: goes to step {@code step} of the running flow once this handler returns. */
  public void goTo(String step) {
    context.requestGoTo(step);
  }

  /** Ends the innermost running flow (an enclosing flow resumes); its completion handler does not run. */
  public void endFlow() {
    context.requestEndFlow();
  }

  /** Cancels every running flow. */
  public void cancelFlows() {
    context.requestCancelFlows();
  }

  // ---- reminders -----------------------------------------------------------------------------

  /** Schedules the reminder {@code name} after {@code delay}, replacing a pending one of that name. */
  public void remindIn(Duration delay, String name) {
    remindIn(delay, name, null);
  }

  /** Like {@link #remindIn(Duration, String)}, with {@code data} handed to the reminder turn. */
  public void remindIn(Duration delay, String name, String data) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("reminder delay must be zero or more, got " + delay);
    }
    remindAt(now().plus(delay), name, data);
  }

  /** Schedules the reminder {@code name} at {@code at}, replacing a pending one of that name. */
  public void remindAt(Instant at, String name) {
    remindAt(at, name, null);
  }

  /** Like {@link #remindAt(Instant, String)}, with {@code data} handed to the reminder turn. */
  public void remindAt(Instant at, String name, String data) {
    Objects.requireNonNull(at, "at");
    context.scheduleReminder(Reminders.requireName(name), at, data);
  }

  /** Cancels the pending reminder {@code name}, if any. */
  public void cancelReminder(String name) {
    context.cancelReminder(Reminders.requireName(name));
  }

  // ---- handoff -------------------------------------------------------------------------------

  /**
   * Hands the conversation to a human (the bot's handoff owner) when the turn is saved: the bot stays
   * silent until it is handed back; running flows resume then.
   */
  public void handOff(String reason) {
    context.requestOwner(null, reason);
  }

  /** Hands the conversation to {@code owner} (a named agent, Meta's inbox) when the turn is saved. */
  public void handOff(Owner owner, String reason) {
    Objects.requireNonNull(owner, "owner");
    context.requestOwner(owner, reason);
  }

  @Override
  public String toString() {
    return "Turn[" + trigger + " " + recipient().key() + (event != null ? " " + event.dedupKey() : "")
        + (reminder != null ? " reminder " + reminder.name() : "") + "]";
  }
}
