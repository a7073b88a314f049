package dev.parley.core.internal.send;

import dev.parley.core.Channel;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.UtilityTemplates;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.WhatsAppTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, before any HTTP request, whether and how a message may go out, from the time since the
 * customer's last message (Meta: messenger-platform/policy, send-messages/message-tags; WhatsApp
 * customer service window):
 *
 * <ul>
 *   <li>inside 24 h: anything, as {@code RESPONSE} (or {@code UPDATE} when proactive);
 *   <li>a WhatsApp template: always (templates are what WhatsApp delivers outside the window);
 *   <li>outside 24 h, an order update or receipt: Messenger {@code MESSAGE_TAG} +
 *       {@code POST_PURCHASE_UPDATE}; WhatsApp the configured UTILITY template;
 *   <li>outside 24 h, a human agent's reply on Messenger: {@code HUMAN_AGENT} up to 7 days;
 *   <li>anything else: {@link OutsideWindowException}, saying why and what would be allowed.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class MessagingPolicy {
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

  private final UtilityTemplates templates;

  MessagingPolicy(UtilityTemplates templates) {
    this.templates = templates;
  }

  Delivery decide(Recipient recipient, Message message, SendOptions options, Optional<Instant> lastInbound, Instant now) {
    Duration since = lastInbound.isPresent() ? Duration.between(lastInbound.get(), now) : null;
    if (since != null && since.compareTo(WINDOW) < 0) {
      return new Delivery(options.proactive() ? Delivery.UPDATE : Delivery.RESPONSE, null, message);
    }
    Optional<Duration> age = Optional.ofNullable(since);
    return recipient.channel() == Channel.MESSENGER
        ? outsideOnMessenger(recipient, message, options, age)
        : outsideOnWhatsApp(recipient, message, age);
  }

  private Delivery outsideOnMessenger(Recipient recipient, Message message, SendOptions options, Optional<Duration> age) {
    if (message instanceof OrderUpdate || message instanceof Receipt) {
      return new Delivery(Delivery.MESSAGE_TAG, Delivery.POST_PURCHASE_UPDATE, message);
    }
    boolean humanAgentWindow = age.isPresent() && age.get().compareTo(HUMAN_AGENT_WINDOW) < 0;
    if (options.humanAgent() && humanAgentWindow) {
      return new Delivery(Delivery.MESSAGE_TAG, Delivery.HUMAN_AGENT, message);
    }
    String why = options.humanAgent()
        ? "a human agent's reply may follow the customer's last message by at most 7 days, and "
            + describe(recipient, age) + "."
        : describe(recipient, age) + ", so the 24-hour window is closed.";
    String allowed = " Allowed now: an OrderUpdate or a Receipt (sent with the POST_PURCHASE_UPDATE tag)"
        + (!options.humanAgent() && humanAgentWindow
            ? ", or a human agent's reply (SendOptions.humanAgentReply(), HUMAN_AGENT tag) until "
                + age.map(a -> HUMAN_AGENT_WINDOW.minus(a)).map(MessagingPolicy::human).orElse("") + " from now"
            : "")
        + "; anything else once the customer writes again.";
    throw new OutsideWindowException("Cannot send " + kind(message) + " on Messenger: " + why + allowed);
  }

  private Delivery outsideOnWhatsApp(Recipient recipient, Message message, Optional<Duration> age) {
    if (message instanceof WhatsAppTemplate || isRawTemplate(message)) {
      return new Delivery(null, null, message);
    }
    Optional<WhatsAppTemplate> template = Optional.empty();
    if (message instanceof OrderUpdate update) {
      template = templates.forOrderUpdate(update);
    } else if (message instanceof Receipt receipt) {
      template = templates.forReceipt(receipt);
    }
    if (template.isPresent()) {
      return new Delivery(null, null, template.get());
    }
    String noTemplate = message instanceof OrderUpdate || message instanceof Receipt
        ? " No UTILITY template is configured for " + message.getClass().getSimpleName()
            + " messages: set Parley.Builder.utilityTemplates."
        : "";
    throw new OutsideWindowException("Cannot send " + kind(message) + " on WhatsApp: " + describe(recipient, age)
        + ", so the 24-hour customer service window is closed and WhatsApp delivers only approved templates."
        + noTemplate + " Allowed now: a WhatsAppTemplate, or an OrderUpdate or Receipt through a configured UTILITY"
        + " template; anything else once the customer writes again.");
  }

  private static boolean isRawTemplate(Message message) {
    return message instanceof RawMessage raw && "template".equals(raw.whatsAppType());
  }

  private static String describe(Recipient recipient, Optional<Duration> age) {
    return age.map(a -> "customer " + recipient.userId() + " last wrote " + human(a) + " ago")
        .orElse("customer " + recipient.userId() + " has never written to " + recipient.businessId());
  }

  static String kind(Message message) {
    String name = message.getClass().getSimpleName();
    return (name.matches("[AEIOU].*") ? "an " : "a ") + name;
  }

  static String human(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    if (minutes < 120) {
      return minutes + " minutes";
    }
    long hours = duration.toHours();
    return hours < 72 ? hours + " hours" : duration.toDays() + " days";
  }
}
