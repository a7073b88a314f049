package dev.parley.bot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.Bot;
import dev.parley.bot.Flow;
import dev.parley.bot.GlobalIntent;
import dev.parley.bot.Prompt;
import dev.parley.core.Channel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BotConsoleTest {

  private static Bot.Builder bot() {
    Flow flow = Flow.builder("shop")
        .triggeredBy("shop")
        .ask("city", Prompt.choice("Which shop?", "Paris", "Lyon"))
        .say(slots -> "See you in " + slots.string("city") + ".")
        .inactivityReminder(Duration.ofMinutes(5), "Still there?")
        .build();
    return Bot.builder().flow(flow)
        .globalIntent(GlobalIntent.talkToHuman("Getting a colleague."))
        .fallback(turn -> turn.reply("Say 'shop'."));
  }

  private static String run(Channel channel, String input, int[] sent) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    sent[0] = new BotConsole(bot(), channel).run(new BufferedReader(new StringReader(input)), out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickRepliesAreNumberedAndANumberTapsOne() {
    int[] sent = new int[1];
    String output = run(Channel.MESSENGER, "shop\n2\n/quit\n", sent);
    assertTrue(output.contains("bot> Which shop?\n     1) Paris\n     2) Lyon\n"), output);
    assertTrue(output.contains("bot> See you in Lyon."), output);
    assertTrue(output.endsWith("Bye.\n"), output);
    assertEquals(2, sent[0]);
  }

  @Test
  void waitMovesTheClockAndFiresReminders() {
    int[] sent = new int[1];
    String output = run(Channel.WHATSAPP, "shop\n/wait 5m\n1\n", sent);
    assertTrue(output.contains("bot> Still there?"), output);
    assertTrue(output.contains("bot> See you in Paris."), output);
  }

  @Test
  void stateShowsTheFlowAndHumanSilencesTheBot() {
    int[] sent = new int[1];
    String output = run(Channel.MESSENGER, "shop\n/state\n/human\nhello\n/back\n/state\n", sent);
    assertTrue(output.contains("flows: [shop] at step 'city'"), output);
    assertTrue(output.contains("a human owns the conversation"), output);
    assertTrue(!output.contains("Please pick one of the options."), "the bot kept quiet while a human owned it: " + output);
    assertEquals(2, output.split("bot> Which shop\\?", -1).length - 1, "asked again once handed back: " + output);
    assertTrue(output.contains("owner: bot"), output);
  }

  @Test
  void unknownCommandsShowTheHelpAndBlankLinesAreSkipped() {
    int[] sent = new int[1];
    String output = run(Channel.MESSENGER, "\n/what\nhi\n", sent);
    assertTrue(output.contains("/wait 10m"), output);
    assertTrue(output.contains("bot> Say 'shop'."), output);
    assertEquals(1, sent[0]);
  }
}
