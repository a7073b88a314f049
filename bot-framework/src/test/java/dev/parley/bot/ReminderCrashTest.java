package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationTimer;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.outbox.Outbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node dies (kill -9) between claiming a due reminder and saving the turn it triggers, or the turn's
 * save fails: the reminder is not lost, and once its claim's lease has run out another runtime fires
 * it, once, and the customer gets the reminder's reply once.
 */
class ReminderCrashTest {
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
  private static final Recipient ADA = Recipient.messenger("1000000001", "2000000001");
  private static final String REMINDER_REPLY = "Reminder: your table is tomorrow.";

  @TempDir
  Path dir;

  private String url() {
    return JdbcConversationStore.h2FileUrl(dir.resolve("parley"));
  }

  @Test
  void aReminderClaimedByANodeThatDiedFiresOnceOnAnotherAfterTheLease() {
    SteppedClock clock = new SteppedClock(T0);
    RecordingSender sender = new RecordingSender();
    try (JdbcConversationStore survivorStore = JdbcConversationStore.create(url());
        Outbox outbox = Outbox.builder(survivorStore.outbox(), sender).clock(clock).build();
        Bot survivor = TableBot.configure(Bot.builder()).store(survivorStore).outbox(outbox).clock(clock).build()) {
      survivor.remind(ADA, "booking-tomorrow", T0.plus(Duration.ofMinutes(1)), null);
      clock.advance(Duration.ofMinutes(2));

      try (JdbcConversationStore dyingStore = JdbcConversationStore.create(url())) {
        List<ConversationTimer> claimed = dyingStore.claimDueTimers(clock.instant(), BotRuntime.REMINDER_LEASE, 10);
        assertEquals(1, claimed.size(), "the dying node took the reminder");
      } // and died before running its turn: nothing completes the claim

      assertEquals(0, survivor.fireDueReminders(), "the dead node's lease still holds");
      assertEquals(0, outbox.deliverDue());

      clock.advance(BotRuntime.REMINDER_LEASE);
      assertEquals(1, survivor.fireDueReminders());
      assertEquals(0, survivor.fireDueReminders());
      clock.advance(BotRuntime.REMINDER_LEASE.multipliedBy(2));
      assertEquals(0, survivor.fireDueReminders(), "completed with its turn: never again");

      assertEquals(1, outbox.deliverDue());
      assertEquals(0, outbox.deliverDue());
      assertEquals(List.of(REMINDER_REPLY), sender.textsTo(ADA));
    }
  }

  @Test
  void aReminderWhoseTurnFailedToSaveFiresAgainAfterTheLeaseAndAnswersOnce() throws Exception {
    SteppedClock clock = new SteppedClock(T0);
    RecordingSender sender = new RecordingSender();
    AtomicBoolean bloated = new AtomicBoolean(true);
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Outbox outbox = Outbox.builder(store.outbox(), sender).clock(clock).build();
        Bot bot = Bot.builder().store(store).outbox(outbox).clock(clock)
            .onReminder("follow-up", turn -> {
              turn.memory().put("notes", bloated.get() ? "x".repeat(5000) : "short");
              turn.reply("Just checking in.");
            })
            .build()) {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE parley_conversation ADD CONSTRAINT bot_state_is_small"
            + " CHECK (state_data IS NULL OR LENGTH(state_data) < 2000)");
      }
      bot.remind(ADA, "follow-up", T0, null);

      assertEquals(0, bot.fireDueReminders(), "the turn's save failed");
      assertTrue(store.findTimer(Reminders.timerKey(ADA, "follow-up")).isPresent(),
          "the timer's deletion was rolled back with the turn");
      assertEquals(0, outbox.deliverDue());

      bloated.set(false);
      assertEquals(0, bot.fireDueReminders(), "claimed until the lease runs out");
      clock.advance(BotRuntime.REMINDER_LEASE);
      assertEquals(1, bot.fireDueReminders());
      clock.advance(BotRuntime.REMINDER_LEASE.multipliedBy(2));
      assertEquals(0, bot.fireDueReminders());

      assertEquals(1, outbox.deliverDue());
      assertEquals(List.of("Just checking in."), sender.textsTo(ADA));
      assertTrue(store.findTimer(Reminders.timerKey(ADA, "follow-up")).isEmpty());
    }
  }
}
