package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.examples.demo.DemoPlatforms;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.WhatsAppCustomer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every menu of the concierge bot, in both languages, sent on both channels to the platform sandbox, which
 * refuses titles over the platforms' limits as Meta does: a menu that does not fit would fail every turn that
 * shows it.
 */
class ConciergeMenuTest {
  private PlatformSandbox sandbox;
  private final InMemoryLastInboundTimes windows = new InMemoryLastInboundTimes();
  private Parley parley;

  @BeforeEach
  void start() {
    sandbox = DemoPlatforms.sandbox().start();
    parley = Parley.builder()
        .graphApiBase(sandbox.graphBaseUrl())
        .messengerPage(DemoPlatforms.PAGE_ID, DemoPlatforms.PAGE_TOKEN)
        .whatsAppNumber(DemoPlatforms.PHONE_NUMBER_ID, DemoPlatforms.WHATSAPP_TOKEN)
        .lastInboundTimes(windows)
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void everyMenuFitsMessengerAndWhatsApp() {
    MessengerCustomer camille = sandbox.messengerCustomer(DemoPlatforms.PAGE_ID, "7001000000000001", "Camille Martin");
    WhatsAppCustomer lucas = sandbox.whatsAppCustomer(DemoPlatforms.PHONE_NUMBER_ID, "33612345678", "Lucas Bernard");
    camille.sendText("Bonjour");
    lucas.sendText("Bonjour");
    Recipient messenger = Recipient.messenger(DemoPlatforms.PAGE_ID, camille.psid());
    Recipient whatsApp = Recipient.whatsApp(DemoPlatforms.PHONE_NUMBER_ID, lucas.waId());
    windows.record(messenger, camille.lastMessageAt());
    windows.record(whatsApp, lucas.lastMessageAt());
    for (String language : List.of("en", "fr")) {
      List<String> titles = ConciergeBot.MENU.get(language);
      List<QuickReply> choices = new ArrayList<>();
      titles.forEach(title -> choices.add(new QuickReply(title, title)));
      QuickReplies menu = new QuickReplies("menu " + language, choices);
      parley.send(messenger, menu);
      parley.send(whatsApp, menu);
      assertEquals(titles, last(camille.receivedMessages()).choices(), language);
      assertEquals(titles, last(lucas.receivedMessages()).choices(), language);
    }
  }

  private static SentMessage last(List<SentMessage> messages) {
    return messages.get(messages.size() - 1);
  }
}
