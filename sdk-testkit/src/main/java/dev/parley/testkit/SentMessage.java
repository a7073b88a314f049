package dev.parley.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message the merchant's code sent and the sandbox accepted, as the customer would see it:
 * where it went, the platform's message id, what kind it was, a one-line human-readable
 * {@code summary} (for transcripts and assertions), the titles of the choices it offered
 * (quick replies, buttons, list rows) and the exact JSON the sandbox received. Immutable and
 * thread-safe.
 *
 * @param platform Messenger or WhatsApp
 * @param businessId the page id or the WhatsApp phone-number id that sent it
 * @param recipientId the customer's page-scoped id or WhatsApp id
 * @param messageId the id the sandbox answered ({@code m_...} or {@code wamid....})
 * @param kind what was sent: {@code text}, {@code image}, {@code button_template}, {@code generic_template},
 *     {@code receipt_template}, {@code interactive_button}, {@code interactive_list}, {@code cta_url},
 *     {@code template}, {@code reaction}...
 * @param summary one readable line, e.g. {@code Your order shipped [buttons: Track → https://...]}
 * @param tag the Messenger message tag, the WhatsApp template name, or null
 * @param choices titles of the quick replies, buttons or list rows the message offered
 * @param json the request body the sandbox accepted (the message part of it), as sent
 * @param sentAt the sandbox clock when it was accepted
 */
public record SentMessage(Platform platform, String businessId, String recipientId, String messageId, String kind,
    String summary, String tag, List<String> choices, String json, Instant sentAt) {

  /** The platform a message went out on. */
  public enum Platform {
    MESSENGER,
    WHATSAPP
  }

  public SentMessage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(messageId, "messageId");
    choices = List.copyOf(choices);
  }
}
