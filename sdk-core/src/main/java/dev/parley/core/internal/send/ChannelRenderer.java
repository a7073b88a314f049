package dev.parley.core.internal.send;

import com.google.gson.JsonObject;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SenderAction;
import java.util.List;

/**
 * Turns a message into a channel's Send API request bodies, checking the channel's own limits.
 * Most messages are one request; a documented fallback may need more (sent in order).
 */
interface ChannelRenderer {
  /** The request bodies, in sending order; throws {@code InvalidRequestException} naming the limit broken. */
  List<JsonObject> render(Recipient recipient, Delivery delivery, SendOptions options);

  /** The request body of a sender action, or null when the channel needs no request for it. */
  JsonObject senderAction(Recipient recipient, SenderAction action);
}
