package dev.parley.core.internal.send;

import dev.parley.core.message.Message;

/**
 * How the messaging policy lets a message go out: the Messenger {@code messaging_type}
 * ({@code RESPONSE}, {@code UPDATE}, {@code MESSAGE_TAG}), the tag when there is one, and the
 * message actually sent (a WhatsApp UTILITY template in place of an order update outside the window).
 */
record Delivery(String messagingType, String tag, Message message) {
  static final String RESPONSE = "RESPONSE";
  static final String UPDATE = "UPDATE";
  static final String MESSAGE_TAG = "MESSAGE_TAG";
  static final String POST_PURCHASE_UPDATE = "POST_PURCHASE_UPDATE";
  static final String HUMAN_AGENT = "HUMAN_AGENT";
}
