package dev.parley.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.message.Message;
import dev.parley.core.message.WhatsAppTemplate;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.WhatsAppCustomer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the platforms refuse, refused through the SDK against the sandbox: Parley's policy refuses a
 * free-form message outside the window before any request, and a raw message that bypasses the
 * policy is refused by the sandbox with the platform's own code.
 */
class PlatformRefusalsTest {
  private PlatformSandbox sandbox;
  private InMemoryLastInboundTimes windows;
  private Parley parley;
  private MessengerCustomer camille;
  private WhatsAppCustomer lucas;

  @BeforeEach
  void start() {
    sandbox = DemoPlatforms.sandbox().start();
    windows = new InMemoryLastInboundTimes();
    parley = Parley.builder()
        .graphApiBase(sandbox.graphBaseUrl())
        .messengerPage(DemoPlatforms.PAGE_ID, DemoPlatforms.PAGE_TOKEN)
        .whatsAppNumber(DemoPlatforms.PHONE_NUMBER_ID, DemoPlatforms.WHATSAPP_TOKEN)
        .clock(new SandboxTime(sandbox))
        .lastInboundTimes(windows)
        .build();
    camille = sandbox.messengerCustomer(DemoPlatforms.PAGE_ID, "7001000000000001", "Camille Martin");
    lucas = sandbox.whatsAppCustomer(DemoPlatforms.PHONE_NUMBER_ID, "33612345678", "Lucas Bernard");
    camille.sendText("Bonjour");
    lucas.sendText("Bonjour");
    windows.record(messenger(), camille.lastMessageAt());
    windows.record(whatsApp(), lucas.lastMessageAt());
    sandbox.advanceClock(Duration.ofHours(25));
    sandbox.clearRequests();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aFreeFormMessageOutsideTheWindowIsRefusedByTheSdkBeforeAnyRequest() {
    assertThrows(OutsideWindowException.class, () -> parley.send(messenger(), Message.text("A new collection!")));
    assertThrows(OutsideWindowException.class, () -> parley.send(whatsApp(), Message.text("A new collection!")));
    assertEquals(0, sandbox.requests().size(), "nothing left the process");
  }

  @Test
  void aRawMessengerMessageBypassingThePolicyIsRefusedBySandboxWithMetasCode() {
    ParleyException refused = assertThrows(ParleyException.class, () -> parley.sendRaw(messenger(),
        "{\"recipient\":{\"id\":\"7001000000000001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi\"}}"));
    assertEquals(10, refused.code());
    assertEquals(2018278, refused.subcode());
    assertEquals(0, camille.receivedMessages().size());
  }

  @Test
  void aRawWhatsAppTextOutsideTheWindowIsRefusedWith131047() {
    ParleyException refused = assertThrows(ParleyException.class, () -> parley.sendRaw(whatsApp(),
        "{\"messaging_product\":\"whatsapp\",\"to\":\"33612345678\",\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}"));
    assertEquals(131047, refused.code());
    assertEquals(0, lucas.receivedMessages().size());
  }

  @Test
  void aTemplateTheShopNeverRegisteredIsRefusedWith132001() {
    ParleyException refused = assertThrows(ParleyException.class,
        () -> parley.send(whatsApp(), WhatsAppTemplate.of("summer_sale", "en_US")));
    assertEquals(132001, refused.code());
  }

  @Test
  void anAgentsReplyGoesWithTheHumanAgentTagWithinSevenDaysAndIsRefusedAfter() {
    parley.send(messenger(), Message.text("Bonjour, ici Claire."), SendOptions.humanAgentReply());
    assertEquals("HUMAN_AGENT", camille.receivedMessages().get(0).tag());

    sandbox.advanceClock(Duration.ofDays(7));
    sandbox.clearRequests();
    assertThrows(OutsideWindowException.class,
        () -> parley.send(messenger(), Message.text("Still there?"), SendOptions.humanAgentReply()));
    assertTrue(sandbox.requests().isEmpty());
  }

  private static Recipient messenger() {
    return Recipient.messenger(DemoPlatforms.PAGE_ID, "7001000000000001");
  }

  private static Recipient whatsApp() {
    return Recipient.whatsApp(DemoPlatforms.PHONE_NUMBER_ID, "33612345678");
  }
}
