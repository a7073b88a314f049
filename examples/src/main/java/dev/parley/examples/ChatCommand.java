package dev.parley.examples;

import dev.parley.bot.Bot;
import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.bot.concierge.InMemoryTaskStore;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.InMemoryHandoffStore;
import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.bot.testing.BotConsole;
import dev.parley.core.Channel;
import dev.parley.core.Parley;
import dev.parley.core.SendReceipt;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.message.Message;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.Outbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-examples.jar chat}: chat in the terminal with the example concierge bot, in process,
 * nothing on the network: what you type is the customer's message, quick replies show as numbers.
 * The bot's desks (concierge tasks, handoff) run on an in-memory database, and what they tell the
 * customer (a task's number, an agent joining) is printed as the bot's.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = {"Chats with the example concierge bot in this terminal (in English or French).",
        "Type /help for the console's commands (/wait 10m, /state, /human, /back), /quit to leave."})
public final class ChatCommand implements Callable<Integer> {

  @Option(names = "--whatsapp", description = "Play a WhatsApp customer instead of a Messenger one.")
  boolean whatsApp;

  @Override
  public Integer call() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the conversation is the output
    }
    String database = "jdbc:h2:mem:parley-chat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (JdbcConversationStore store = JdbcConversationStore.create(database);
        Outbox notices = Outbox.builder(store.outbox(), ChatCommand::print).build()) {
      notices.start();
      ServerConfig config = ServerConfig.fromEnvironment(Map.of("PARLEY_APP_SECRET", "console",
          "PARLEY_VERIFY_TOKEN", "console", "PARLEY_DB_URL", database));
      InMemoryTaskStore tasks = new InMemoryTaskStore();
      BotService.Desk desk = new BotService.Desk(config, store,
          Parley.builder().messengerPage("1000000001", "console").build(), notices, tasks,
          ConciergeDesk.builder(tasks, store, notices).build(),
          HandoffDesk.builder(new InMemoryHandoffStore(), store, notices).tasks(tasks).build(), Clock.systemUTC());
      Bot.Builder bot = ConciergeBot.create(desk).newBuilder();
      new BotConsole(bot, whatsApp ? Channel.WHATSAPP : Channel.MESSENGER)
          .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }
    return 0;
  }

  /** The desks' notices, printed like the bot's replies. */
  private static CompletableFuture<SendReceipt> print(dev.parley.core.Recipient customer, Message message) {
    System.out.println("bot> " + (message instanceof Text text ? text.text() : message));
    return CompletableFuture.completedFuture(new SendReceipt("console-" + UUID.randomUUID(), customer.channel(),
        customer, 1));
  }
}
