package dev.parley.core.webhook;

import dev.parley.core.Recipient;
import dev.parley.core.internal.webhook.PayloadParser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Something a customer (or the platform, about a customer) told the merchant through a Messenger or
 * WhatsApp webhook. One sealed family for both channels; {@link UnknownEvent} keeps whatever Parley
 * does not model yet, so a new platform field or event type never fails a parse.
 *
 * <pre>{@code
 * if (event instanceof MessageReceived message && message.text() != null) {
 *   reply(message.from(), "You said: " + message.text());
 * } else if (event instanceof StatusUpdate status && status.status() == StatusUpdate.Status.FAILED) {
 *   log.warn("{} failed: {}", status.messageId(), status.errors());
 * }
 * }</pre>
 *
 * <p>Every event carries an {@link EventEnvelope}: the customer as a {@link Recipient}, when it
 * happened, its deduplication key and its raw JSON. Events are immutable values and thread-safe.
 */
public sealed interface InboundEvent
    permits MessageReceived, MessageEcho, Postback, ButtonReply, ListReply, DeliveryReceipt, ReadReceipt,
        StatusUpdate, Reaction, Handover, Referral, OrderPlaced, ErrorNotice, UnknownEvent {

  /** Who, when, the deduplication key and the raw JSON of this event. */
  EventEnvelope envelope();

  /**
   * The customer this event is about: channel, business id (page id or phone-number id) and the
   * customer's id there (PSID or wa_id). For the rare account-level event that concerns no customer
   * (a WhatsApp account error, an unknown account notification) the user id is the business id
   * itself; see {@link #concernsCustomer()}.
   */
  default Recipient from() {
    return envelope().from();
  }

  /** When the platform says the event happened. */
  default Instant occurredAt() {
    return envelope().occurredAt();
  }

  /**
   * The key that identifies this event across redeliveries: {@code mid:<mid>}, {@code wamid:<wamid>},
   * {@code status:<wamid>:<status>}, {@code delivery:<psid>:<watermark>}, {@code read:<psid>:<watermark>}
   * and so on. Equal keys mean the same event delivered twice.
   */
  default String dedupKey() {
    return envelope().dedupKey();
  }

  /**
   * The event as JSON: a webhook payload of the shape Meta sent ({@code object}, one {@code entry},
   * one item) reduced to this one event, so it carries the channel and business id and parses back
   * with {@link #fromRawJson(String)}.
   */
  default String rawJson() {
    return envelope().rawJson();
  }

  /**
   * True for a Messenger event that arrived on the standby channel ({@code entry[].standby[]}):
   * another app owns the conversation, so this app should watch and not answer.
   */
  default boolean standby() {
    return envelope().standby();
  }

  /** The customer's profile name when the platform sent one (WhatsApp {@code contacts[].profile.name}), or null. */
  default String customerName() {
    return envelope().customerName();
  }

  /** False for an account-level event that is about no particular customer. */
  default boolean concernsCustomer() {
    return !from().userId().equals(from().businessId());
  }

  /**
   * Parses a whole webhook payload ({@code object} {@code page} or {@code whatsapp_business_account})
   * into its events, in payload order. Lenient: unknown fields and values are ignored, an item that
   * cannot be understood becomes an {@link UnknownEvent}; a payload with another {@code object} gives
   * an empty list.
   *
   * @throws dev.parley.core.InvalidRequestException if the text is not a JSON object
   */
  static List<InboundEvent> parse(String payloadJson) {
    return new PayloadParser(Clock.systemUTC()).parse(payloadJson);
  }

  /**
   * Parses the {@link #rawJson()} of one event back into the event.
   *
   * @throws dev.parley.core.InvalidRequestException unless the text is a payload holding exactly one event
   */
  static InboundEvent fromRawJson(String rawJson) {
    return new PayloadParser(Clock.systemUTC()).reparse(rawJson);
  }

  /**
   * The event a journal entry was recorded from, for dispatching events recorded but not handled
   * before a crash. Never throws: an entry whose JSON no longer parses gives an {@link UnknownEvent}
   * with the entry's sender, time and key.
   */
  static InboundEvent fromJournal(InboundJournal.Entry entry) {
    return new PayloadParser(Clock.systemUTC()).fromJournal(entry);
  }
}
