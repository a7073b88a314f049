package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded H2 file store promises beyond the contract: a restart loses nothing. */
class H2FileStoreTest {
  private static final Recipient ADA = Recipient.messenger("1001", "psid-ada");
  private static final Recipient ADA_WA = Recipient.whatsApp("2002", "15550001111");

  @TempDir
  Path directory;

  private final TestClock clock = new TestClock();

  private JdbcConversationStore open() {
    return JdbcConversationStore.builder().jdbcUrl(JdbcConversationStore.h2FileUrl(directory.resolve("parley")))
        .clock(clock).build();
  }

  @Test
  void aRestartKeepsEverything() {
    Instant at = clock.instant().minusSeconds(60);
    Customer ada;
    OutboxEntry queued;
    try (JdbcConversationStore store = open()) {
      ada = store.link(ADA, ADA_WA);
      store.recordProfileFetch(ada.id(), new Profile("Ada Lovelace", "https://cdn.example/a.jpg", null, null), at);
      store.append(NewMessage.inbound(ADA, "hello", "{}", "m_1", at));
      store.assignOwner(ADA, Owner.agent("Jeeves"), "asked for a human", at);
      store.compareAndSetState(ADA, 0, "{\"flow\":\"refund\"}");
      store.schedule("remind", ADA, at.plusSeconds(3600), "{}");
      store.record("mid:m_1", ADA, at, "{\"raw\":true}");
      queued = store.outbox().enqueue(ADA_WA, "{\"kind\":\"text\"}", "order-1:shipped", at);
    }
    assertTrue(Files.exists(directory.resolve("parley.mv.db")), "the data lives in a file");

    try (JdbcConversationStore store = open()) {
      Customer again = store.findCustomer(ADA_WA).orElseThrow();
      assertEquals(ada.id(), again.id());
      assertEquals("Ada Lovelace", again.profile().name());
      assertTrue(again.profileFetched());
      assertEquals(List.of("hello"), store.history(ada.id(), Long.MAX_VALUE, 10).messages().stream()
          .map(StoredMessage::summary).toList());
      assertEquals(Optional.of(at), store.lastInbound(ADA));
      assertEquals(Owner.agent("Jeeves"), store.ownership(ADA).owner());
      assertEquals(new ConversationState(1, "{\"flow\":\"refund\"}"), store.state(ADA));
      assertTrue(store.findTimer("remind").isPresent());
      assertEquals(List.of("mid:m_1"), store.unhandled(10).stream().map(e -> e.eventKey()).toList());
      assertEquals(Optional.of(queued), store.outbox().findByDedupKey("order-1:shipped"));
      assertFalse(store.record("mid:m_1", ADA, at, "{}"), "dedup survives the restart");
    }
  }

  @Test
  void workHoldingAConversationThatFailsLeavesNoWrites() {
    try (JdbcConversationStore store = open()) {
      store.compareAndSetState(ADA, 0, "before");

      assertThrows(IllegalStateException.class, () -> store.withConversation(ADA, conversation -> {
        store.compareAndSetState(ADA, 1, "half-done").orElseThrow();
        store.append(NewMessage.outbound(ADA, Author.bot(), "reply", null, "m_reply", clock.instant()));
        throw new IllegalStateException("the turn failed");
      }));

      assertEquals(new ConversationState(1, "before"), store.state(ADA));
      assertTrue(store.findMessage("m_reply").isEmpty());
    }
  }

  @Test
  void anH2UrlGetsPostgresModeUnlessItChoseAMode() {
    assertEquals("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
        SqlDialect.withH2Settings("jdbc:h2:mem:x"));
    assertEquals("jdbc:h2:mem:x;MODE=PostgreSQL;LOCK_TIMEOUT=500",
        SqlDialect.withH2Settings("jdbc:h2:mem:x;MODE=PostgreSQL;LOCK_TIMEOUT=500"));
    assertEquals("jdbc:postgresql://db/parley", SqlDialect.withH2Settings("jdbc:postgresql://db/parley"));
  }

  @Test
  void anH2FileUrlGetsABoundedCacheUnlessItChoseOne() {
    assertEquals("jdbc:h2:file:/d/p;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=16384"
        + ";LOCK_TIMEOUT=10000", SqlDialect.withH2Settings("jdbc:h2:file:/d/p"));
    assertEquals("jdbc:h2:file:/d/p;CACHE_SIZE=65536;MODE=PostgreSQL;LOCK_TIMEOUT=10000",
        SqlDialect.withH2Settings("jdbc:h2:file:/d/p;CACHE_SIZE=65536;MODE=PostgreSQL"));
  }

  @Test
  void aStoreOverYourDataSourceLeavesItOpen() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(JdbcConversationStore.h2FileUrl(directory.resolve("mine")));
    JdbcConversationStore.create(dataSource).close();
    try (JdbcConversationStore store = JdbcConversationStore.create(dataSource)) {
      store.customer(ADA);
    }
    try (Connection connection = dataSource.getConnection()) {
      assertTrue(connection.isValid(1));
    }
  }

  @Test
  void theBuilderWantsExactlyOneDatabase() {
    assertThrows(IllegalStateException.class, () -> JdbcConversationStore.builder().build());
    IllegalArgumentException notJdbc = assertThrows(IllegalArgumentException.class,
        () -> JdbcConversationStore.builder().jdbcUrl("postgres://db"));
    assertTrue(notJdbc.getMessage().contains("jdbc:"), notJdbc.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JdbcConversationStore.builder().maximumPoolSize(1));
  }

  @Test
  void aStoreFailureNamesWhatFailedWithoutTheUrl() {
    JdbcConversationStore store = open();
    store.close();
    ConversationStoreException e = assertThrows(ConversationStoreException.class, () -> store.customer(ADA));
    assertTrue(e.getMessage().startsWith("conversation store could not load customer"), e.getMessage());
    assertFalse(e.getMessage().contains(directory.toString()), e.getMessage());
  }
}
