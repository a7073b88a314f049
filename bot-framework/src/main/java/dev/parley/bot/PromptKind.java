package dev.parley.bot;

import dev.parley.core.message.QuickReply;
import java.util.List;

/** The kinds of answer a {@link Prompt} reads, with the message said when an answer cannot be read. */
enum PromptKind {
  TEXT("text", "Please type your answer."),
  CHOICE("choice", "Please pick one of the options."),
  INTEGER("integer", "Please answer with a whole number."),
  NUMBER("number", "Please answer with a number."),
  DATE_TIME("date-time", "Please give a day and a time, such as 'tomorrow 8pm'."),
  DATE("date", "Please give a day, such as 'next Monday' or '2025-03-14'."),
  YES_NO("yes/no", "Please answer yes or no."),
  EMAIL("e-mail", "Please give an e-mail address, such as name@example.com."),
  PHONE("phone", "Please give a phone number, such as +33 6 12 34 56 78.");

  static final String YES = "YES";
  static final String NO = "NO";
  static final List<QuickReply> YES_NO_CHOICES = List.of(new QuickReply("Yes", YES), new QuickReply("No", NO));

  final String label;
  final String unreadable;

  PromptKind(String label, String unreadable) {
    this.label = label;
    this.unreadable = unreadable;
  }
}
