package dev.parley.bot;

import java.time.Duration;

/** A small restaurant bot the tests talk to: bookings, help, cancel, start over, a human. */
final class TableBot {
  private TableBot() {}

  static Flow booking() {
    return Flow.builder("booking")
        .triggeredBy("book", "BOOK", "book a table")
        .ask("guests", Prompt.integer("For how many people?")
            .validate(n -> n >= 1 && n <= 12, "We take bookings for 1 to 12 people."))
        .ask("when", Prompt.dateTime("Which day and time?"))
        .ask("email", Prompt.email("Your e-mail for the confirmation?"))
        .ask("ok", Prompt.yesNo(slots -> "A table for " + slots.integer("guests") + ", shall I book it?"))
        .branch(slots -> slots.bool("ok") ? "book" : "dropped")
        .step("book", turn -> {
          turn.memory().put("bookings", turn.memory().has("bookings") ? turn.memory().integer("bookings") + 1 : 1);
          turn.remindAt(turn.slots().dateTime("when").minusDays(1).toInstant(), "booking-tomorrow");
          turn.reply("Booked, see you then!");
        })
        .end()
        .step("dropped", turn -> turn.reply("No problem, nothing was booked."))
        .inactivityReminder(Duration.ofMinutes(10), "Are you still there?")
        .build();
  }

  static Bot.Builder configure(Bot.Builder builder) {
    return builder
        .flow(booking())
        .globalIntent(GlobalIntent.help("I can book a table. Type 'book' to start."))
        .globalIntent(GlobalIntent.cancel("Alright, I dropped that."))
        .globalIntent(GlobalIntent.startOver("Let's start again."))
        .globalIntent(GlobalIntent.talkToHuman("I'm getting a colleague for you."))
        .onPayload("MENU", turn -> turn.replyWithQuickReplies("What would you like?", "Book a table", "Opening hours"))
        .onReminder("booking-tomorrow", turn -> turn.reply("Reminder: your table is tomorrow."))
        .onHandBack(turn -> turn.reply("I'm back."))
        .fallback(turn -> turn.replyWithQuickReplies("Sorry, I did not get that.", "Book a table", "Help"));
  }
}
