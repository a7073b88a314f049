package dev.parley.examples.demo;

import dev.parley.core.Recipient;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.WhatsAppCustomer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A customer of the story, played by the sandbox on one channel: Camille on Messenger, Lucas on
 * WhatsApp. Values; the sandbox's customers behind them are thread-safe.
 *
 * @param name the customer's name
 * @param channel where they write
 * @param recipient who Parley sends to
 * @param writer sends a text as the customer (a signed webhook)
 * @param buttonUrls the URL behind a URL button the customer received, by title
 */
record DemoCustomer(String name, SentMessage.Platform channel, Recipient recipient, Consumer<String> writer,
    UnaryOperator<String> buttonUrls) {

  static DemoCustomer camilleOnMessenger(PlatformSandbox sandbox) {
    MessengerCustomer camille = sandbox.messengerCustomer(DemoPlatforms.PAGE_ID, "7001000000000001", "Camille Martin");
    return new DemoCustomer(camille.name(), SentMessage.Platform.MESSENGER,
        Recipient.messenger(DemoPlatforms.PAGE_ID, camille.psid()), camille::sendText, camille::buttonUrl);
  }

  static DemoCustomer lucasOnWhatsApp(PlatformSandbox sandbox) {
    WhatsAppCustomer lucas = sandbox.whatsAppCustomer(DemoPlatforms.PHONE_NUMBER_ID, "33612345678", "Lucas Bernard");
    return new DemoCustomer(lucas.name(), SentMessage.Platform.WHATSAPP,
        Recipient.whatsApp(DemoPlatforms.PHONE_NUMBER_ID, lucas.waId()), lucas::sendText, lucas::buttonUrl);
  }

  /** The id the agent API knows the conversation by: {@code messenger:1001:7001000000000001}. */
  String conversationId() {
    return recipient.channel().name().toLowerCase(java.util.Locale.ROOT) + ":" + recipient.businessId() + ":"
        + recipient.userId();
  }

  /** The customer's first name, for the story's headings. */
  String firstName() {
    return name.substring(0, name.indexOf(' '));
  }

  void writes(String text) {
    writer.accept(text);
  }

  String buttonUrl(String title) {
    return buttonUrls.apply(title);
  }

  /** True for a message Parley sent this customer. */
  boolean received(SentMessage message) {
    return message.recipientId().equals(recipient.userId());
  }
}
