package dev.parley.bot.testing;

import dev.parley.bot.Bot;
import dev.parley.core.Channel;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Chat with a bot in a terminal: what you type is the customer's message, the bot's replies are
 * printed, quick replies and buttons as numbered options (type the number to tap one). The bot runs
 * in-process on an in-memory store, as in {@link ConversationTester}.
 *
 * <pre>{@code
 * new BotConsole(MyBot.configure(Bot.builder()), Channel.MESSENGER)
 *     .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
 * }</pre>
 *
 * <p>Commands: {@code /wait 10m} moves the clock (firing reminders; units s, m, h, d), {@code
 * /postback PAYLOAD} sends a postback, {@code /state} shows the flow, step and slots, {@code /human}
 * hands the conversation to a human and {@code /back} hands it back, {@code /help} lists them,
 * {@code /quit} (or the end of input) leaves. A program for people: it prints. Not thread-safe.
 */
public final class BotConsole {
  private final Bot.Builder bot;
  private final Channel channel;

  /** A console for the bot {@code bot} would build, playing a customer on {@code channel}. */
  public BotConsole(Bot.Builder bot, Channel channel) {
    this.bot = Objects.requireNonNull(bot, "bot");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /**
   * Reads the customer's lines from {@code in} and prints the conversation to {@code out} until
   * {@code /quit} or the end of input.
   *
   * @return how many messages the customer sent
   */
  public int run(BufferedReader in, PrintStream out) {
    throw new UnsupportedOperationException("not yet");
  }
}
