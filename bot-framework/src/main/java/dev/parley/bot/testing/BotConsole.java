package dev.parley.bot.testing;

import dev.parley.bot.Bot;
import dev.parley.bot.ConversationView;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.CallButton;
import dev.parley.core.message.Message;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.UrlButton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern WAIT = Pattern.compile("/wait\\s+(\\d{1,6})\\s*([smhd])", Pattern.CASE_INSENSITIVE);
  private static final String HELP = String.join("\n",
      "  type a message to send it; a number taps that option",
      "  /wait 10m        move the clock on (s, m, h, d) and fire due reminders",
      "  /postback DATA   send a postback",
      "  /state           show the flow, step, slots and owner",
      "  /human, /back    hand the conversation to a human, and back to the bot",
      "  /quit            leave");

  private final Bot.Builder bot;
  private final Channel channel;

  /** A console for the bot {@code bot} would build (its store, sending and clock are replaced), playing a customer on {@code channel}. */
  public BotConsole(Bot.Builder bot, Channel channel) {
    this.bot = Objects.requireNonNull(bot, "bot");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /**
   * Reads the customer's lines from {@code in} and prints the conversation to {@code out} until
   * {@code /quit} or the end of input.
   *
   * @return how many messages and taps the customer sent
   */
  public int run(BufferedReader in, PrintStream out) {
    Recipient customer = channel == Channel.MESSENGER ? LocalChat.DEFAULT_CUSTOMER
        : Recipient.whatsApp("1000000002", "15550000001");
    int sentByCustomer = 0;
    try (LocalChat chat = new LocalChat(bot, customer, Instant.now())) {
      out.println("Chatting with the bot on " + channel.name().charAt(0) + channel.name().substring(1).toLowerCase(Locale.ROOT)
          + ". Type /help for commands, /quit to leave.");
      List<Option> options = List.of();
      while (true) {
        out.print("you> ");
        out.flush();
        String line = readLine(in);
        if (line == null) {
          out.println();
          break;
        }
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.equalsIgnoreCase("/quit") || line.equalsIgnoreCase("/exit")) {
          break;
        }
        try {
          if (line.startsWith("/")) {
            command(chat, line, out);
          } else {
            Option option = optionFor(line, options);
            if (option == null) {
              chat.says(line);
            } else if (option.url() != null) {
              out.println("  (opens " + option.url() + ")");
              continue;
            } else if (option.quickReply()) {
              chat.tapsQuickReply(option.title());
            } else {
              chat.tapsButton(option.title());
            }
            sentByCustomer++;
          }
        } catch (RuntimeException | AssertionError e) {
          out.println("  ! " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        List<Option> offered = print(chat.takeNewReplies(), out);
        if (!offered.isEmpty()) {
          options = offered;
        }
      }
    }
    out.println("Bye.");
    return sentByCustomer;
  }

  private static void command(LocalChat chat, String line, PrintStream out) {
    String lower = line.toLowerCase(Locale.ROOT);
    Matcher wait = WAIT.matcher(line);
    if (wait.matches()) {
      chat.advanceClock(duration(Long.parseLong(wait.group(1)), wait.group(2).toLowerCase(Locale.ROOT)));
      out.println("  (clock now " + chat.now() + ")");
    } else if (lower.startsWith("/postback ")) {
      chat.postback(line.substring("/postback ".length()).strip());
    } else if (lower.equals("/state")) {
      ConversationView view = chat.view();
      out.println("  owner: " + view.owner());
      out.println("  flows: " + (view.flows().isEmpty() ? "none" : view.flows() + " at step '" + view.step() + "'"));
      out.println("  slots: " + view.slots());
      out.println("  memory: " + view.memory());
    } else if (lower.equals("/human")) {
      chat.handOff(Bot.UNASSIGNED);
      out.println("  (a human owns the conversation now; the bot stays silent)");
    } else if (lower.equals("/back")) {
      chat.handBack();
    } else {
      out.println(HELP);
    }
  }

  private static Duration duration(long amount, String unit) {
    return switch (unit) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** An option the customer can tap by number. */
  private record Option(String title, boolean quickReply, String url) {}

  private static Option optionFor(String line, List<Option> options) {
    if (!line.matches("\\d{1,2}")) {
      return null;
    }
    int index = Integer.parseInt(line);
    return index >= 1 && index <= options.size() ? options.get(index - 1) : null;
  }

  private static List<Option> print(List<Message> replies, PrintStream out) {
    List<Option> options = new ArrayList<>();
    for (Message reply : replies) {
      String text = LocalChat.textOf(reply);
      out.println("bot> " + (text != null ? text : "[" + reply.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "]"));
      List<Option> offered = new ArrayList<>();
      if (reply instanceof QuickReplies quick) {
        quick.replies().forEach(choice -> offered.add(new Option(choice.title(), true, null)));
      } else if (reply instanceof Buttons buttons) {
        for (Button button : buttons.buttons()) {
          String opens = button instanceof UrlButton url ? url.url()
              : button instanceof CallButton call ? "tel:" + call.phoneNumber() : null;
          offered.add(new Option(button.title(), false, opens));
        }
      }
      for (int i = 0; i < offered.size(); i++) {
        out.println("     " + (i + 1) + ") " + offered.get(i).title());
      }
      if (!offered.isEmpty()) {
        options = offered;
      }
    }
    return options;
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the console input", e);
    }
  }
}
