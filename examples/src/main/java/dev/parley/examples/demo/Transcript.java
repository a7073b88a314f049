package dev.parley.examples.demo;

import dev.parley.testkit.SentMessage;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the demo's story as a readable transcript: who said what, on which channel and when (on
 * the sandbox's clock, so the jump of a day shows). ANSI colours only when asked, which the demo
 * does when its output is a terminal. For people: it prints. Not thread-safe; the story prints from
 * one thread.
 */
final class Transcript {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String CUSTOMER = "\u001b[36m";
  private static final String BUSINESS = "\u001b[32m";
  private static final String AGENT = "\u001b[35m";
  private static final String PLATFORM = "\u001b[33m";
  private static final Map<SentMessage.Platform, String> CHANNEL_NAMES =
      Map.of(SentMessage.Platform.MESSENGER, "Messenger", SentMessage.Platform.WHATSAPP, "WhatsApp");

  /** Where the text of a line starts: after the time, the channel and the speaker columns. */
  private static final int TEXT_COLUMN = 9 + 2 + 9 + 2 + 18 + 1;

  private final PrintStream out;
  private final boolean colour;

  Transcript(PrintStream out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  /** A heading for a part of the story. */
  void scene(String title) {
    out.println();
    out.println(paint(BOLD, "== " + title + " =="));
  }

  /** What a customer wrote or tapped. */
  void customer(Instant at, SentMessage.Platform channel, String name, String text) {
    line(at, channel, CUSTOMER, name, text, null);
  }

  /** A message the business side sent and the platform accepted: the shop, the bot or an agent. */
  void business(String speaker, SentMessage message) {
    String how = message.tag() == null ? null
        : message.platform() == SentMessage.Platform.MESSENGER ? "message tag " + message.tag()
        : "template " + message.tag();
    line(message.sentAt(), message.platform(), speaker.endsWith("(agent)") ? AGENT : BUSINESS, speaker,
        message.summary(), how);
  }

  /** Something that happened off the conversation: a payment, a webhook, the clock moving. */
  void event(Instant at, String text) {
    out.println(paint(DIM, TIME.format(at)) + "  " + paint(PLATFORM, "· " + text));
  }

  private void line(Instant at, SentMessage.Platform channel, String colourCode, String speaker, String text,
      String how) {
    String head = paint(DIM, TIME.format(at)) + "  " + pad(CHANNEL_NAMES.get(channel), 9) + "  "
        + paint(colourCode, pad(speaker, 18)) + " ";
    out.println(head + text.replace("\n", "\n" + " ".repeat(TEXT_COLUMN)));
    if (how != null) {
      out.println(" ".repeat(TEXT_COLUMN) + paint(DIM, "(" + how + ")"));
    }
  }

  private String paint(String code, String text) {
    return colour ? code + text + RESET : text;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
