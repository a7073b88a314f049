package dev.parley.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.message.Message;
import dev.parley.core.send.GraphTestServer;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The entry point's configuration: rejected at once when wrong, several accounts, derived variants. */
class ParleyBuilderTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  @Test
  void rejectsBadSettingsAtOnceNamingThem() {
    assertEquals("no account: add a messengerPage or a whatsAppNumber",
        assertThrows(InvalidRequestException.class, () -> Parley.builder().build()).getMessage());
    assertEquals("MESSENGER account id 'page_1' is not a page or phone-number id (digits, at most 64 characters)",
        assertThrows(InvalidRequestException.class, () -> Parley.builder().messengerPage("page_1", "EAAGtoken"))
            .getMessage());
    assertEquals("WHATSAPP account id '1065-4035' is not a page or phone-number id (digits, at most 64 characters)",
        assertThrows(InvalidRequestException.class, () -> Parley.builder().whatsAppNumber("1065-4035", "EAAGtoken"))
            .getMessage());
    assertEquals("graphVersion '25.0' is not a Graph API version like v25.0",
        assertThrows(InvalidRequestException.class, () -> Parley.builder().graphVersion("25.0")).getMessage());
    assertEquals("maxConcurrentRequests 0 must be between 1 and 4096",
        assertThrows(InvalidRequestException.class, () -> Parley.builder().maxConcurrentRequests(0)).getMessage());
    assertEquals("whatsAppNumberPerSecond 2000 must be between 1 and 1000; the platform allows at most 1000",
        assertThrows(InvalidRequestException.class, () -> RateLimits.builder().whatsAppNumberPerSecond(2000)).getMessage());
    assertEquals("retry maxBackoff PT0.1S is shorter than initialBackoff PT0.5S",
        assertThrows(InvalidRequestException.class,
            () -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(100)).build()).getMessage());
    assertThrows(InvalidRequestException.class, () -> Parley.builder().graphApiBase("graph.facebook.com"));
  }

  @Test
  void severalPagesAndNumbersEachUseTheirOwnToken() throws Exception {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    Recipient pageA = Recipient.messenger("111", "psid-a");
    Recipient pageB = Recipient.messenger("222", "psid-b");
    Recipient numberC = Recipient.whatsApp("333", "15550000001");
    Instant now = Instant.now();
    times.record(pageA, now);
    times.record(pageB, now);
    times.record(numberC, now);
    Parley parley = Parley.builder()
        .messengerPage("111", "tokenA")
        .messengerPage("222", "tokenB")
        .whatsAppNumber("333", "tokenC")
        .graphApiBase(server.url("/").toString())
        .lastInboundTimes(times)
        .build();
    server.enqueue(GraphTestServer.messengerOk("m_a"));
    server.enqueue(GraphTestServer.messengerOk("m_b"));
    server.enqueue(GraphTestServer.whatsAppOk("wamid.c"));
    assertEquals("m_a", parley.send(pageA, Message.text("a")).messageId());
    assertEquals("m_b", parley.send(pageB, Message.text("b")).messageId());
    SendReceipt c = parley.send(numberC, Message.text("c"));
    assertEquals("wamid.c", c.messageId());
    assertEquals(Channel.WHATSAPP, c.channel());
    assertEquals(numberC, c.recipient());
    for (String expected : new String[] {"111 tokenA", "222 tokenB", "333 tokenC"}) {
      RecordedRequest request = server.takeRequest();
      String[] idAndToken = expected.split(" ");
      assertEquals("/v25.0/" + idAndToken[0] + "/messages", request.getUrl().encodedPath());
      assertEquals("Bearer " + idAndToken[1], request.getHeaders().get("Authorization"));
    }
    assertTrue(parley.hasAccount(Channel.MESSENGER, "222"));
    assertFalse(parley.hasAccount(Channel.WHATSAPP, "222"));
  }

  @Test
  void aDerivedClientChangesOnlyWhatItSetsAndTheOriginalStaysAsItWas() throws Exception {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    Recipient customer = Recipient.messenger("111", "psid-a");
    times.record(customer, Instant.now());
    Parley original = Parley.builder().messengerPage("111", "tokenA").graphApiBase(server.url("/").toString())
        .lastInboundTimes(times).build();
    Parley v26 = original.newBuilder().graphVersion("v26.0").build();
    server.enqueue(GraphTestServer.messengerOk("m_1"));
    server.enqueue(GraphTestServer.messengerOk("m_2"));
    v26.send(customer, Message.text("new"));
    original.send(customer, Message.text("old"));
    assertEquals("/v26.0/111/messages", server.takeRequest().getUrl().encodedPath());
    RecordedRequest second = server.takeRequest();
    assertEquals("/v25.0/111/messages", second.getUrl().encodedPath());
    assertEquals("Bearer tokenA", second.getHeaders().get("Authorization"), "accounts and last-inbound times carried over");
  }

  @Test
  void inMemoryLastInboundTimesKeepsTheLatest() {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    Recipient customer = Recipient.whatsApp("333", "15550000001");
    Instant later = Instant.parse("2026-07-10T12:00:00Z");
    times.record(customer, later);
    times.record(customer, later.minusSeconds(3600));
    assertEquals(later, times.lastInbound(customer).orElseThrow());
    assertTrue(times.lastInbound(Recipient.whatsApp("333", "15550000002")).isEmpty());
  }
}
