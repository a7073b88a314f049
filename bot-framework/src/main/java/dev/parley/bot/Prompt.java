package dev.parley.bot;

import dev.parley.core.message.QuickReply;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A question a {@link Flow} asks to fill one slot, how the answer is read, and what happens when it
 * does not fit: the prompt re-asks with the validator's message, and after {@link #maxAttempts}
 * wrong answers it gives up ({@link #onGiveUp}; by default it says so and cancels the flow).
 *
 * <pre>{@code
 * Prompt.integer("For how many people?")
 *     .validate(n -> n >= 1 && n <= 12, "We take bookings for 1 to 12 people.")
 *     .maxAttempts(3);
 * Prompt.choice("Which shop?", "Paris", "Lyon", "Lille");      // quick replies on Messenger,
 *                                                                // reply buttons or a list on WhatsApp
 * Prompt.yesNo(slots -> "Book for " + slots.integer("guests") + "?");
 * }</pre>
 *
 * <p>What each kind accepts: {@linkplain #text text} anything non-blank; {@linkplain #choice choice} a
 * tapped option, its title (case and accents ignored) or its number; {@linkplain #integer integer} and
 * {@linkplain #number number} digits with {@code ,} or {@code .} decimals; {@linkplain #dateTime
 * date-time} and {@linkplain #date date} what the recognizer's date extraction reads ("tomorrow 8pm",
 * "demain à 20h", "2025-03-14 19:30"), resolved in the bot's zone; {@linkplain #yesNo yes/no} the
 * buttons or yes/no words in English and French; {@linkplain #email e-mail} and {@linkplain #phone
 * phone} an address or number found in the answer.
 *
 * <p>Immutable and thread-safe; every setter returns a new prompt.
 *
 * @param <T> the type of the answer, as stored in the slot
 */
public final class Prompt<T> {
  /** Wrong answers before a prompt gives up, unless set. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  final PromptKind kind;
  final Function<Slots, String> question;
  final List<QuickReply> choices;
  final List<Function<? super T, String>> validators;
  final String retryMessage;
  final int maxAttempts;
  final TurnHandler giveUp;

  private Prompt(PromptKind kind, Function<Slots, String> question, List<QuickReply> choices,
      List<Function<? super T, String>> validators, String retryMessage, int maxAttempts, TurnHandler giveUp) {
    this.kind = kind;
    this.question = question;
    this.choices = List.copyOf(choices);
    this.validators = List.copyOf(validators);
    this.retryMessage = retryMessage;
    this.maxAttempts = maxAttempts;
    this.giveUp = giveUp;
  }

  private static <T> Prompt<T> of(PromptKind kind, Function<Slots, String> question, List<QuickReply> choices) {
    Objects.requireNonNull(question, "question");
    return new Prompt<>(kind, question, choices, List.of(), null, DEFAULT_MAX_ATTEMPTS, null);
  }

  private static Function<Slots, String> fixed(String question) {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("a prompt needs a question, got " + (question == null ? "null" : "blank text"));
    }
    return slots -> question;
  }

  /** Free text: any non-blank answer. */
  public static Prompt<String> text(String question) {
    return of(PromptKind.TEXT, fixed(question), List.of());
  }

  /** Free text, the question computed from the slots collected so far. */
  public static Prompt<String> text(Function<Slots, String> question) {
    return of(PromptKind.TEXT, question, List.of());
  }

  /** One of {@code options} (at most 13; WhatsApp shows up to 3 as buttons, up to 10 as a list); the slot gets the title. */
  public static Prompt<String> choice(String question, String... options) {
    List<QuickReply> replies = new ArrayList<>();
    for (String option : options) {
      replies.add(new QuickReply(option, option));
    }
    return choice(question, replies);
  }

  /** One of {@code options}; the slot gets the chosen option's payload. */
  public static Prompt<String> choice(String question, List<QuickReply> options) {
    return choice(fixed(question), options);
  }

  /** One of {@code options}, the question computed from the slots; the slot gets the chosen option's payload. */
  public static Prompt<String> choice(Function<Slots, String> question, List<QuickReply> options) {
    if (options == null || options.isEmpty() || options.size() > 13) {
      throw new IllegalArgumentException("a choice prompt takes 1 to 13 options (Messenger's quick reply limit), got "
          + (options == null ? "null" : options.size()));
    }
    return of(PromptKind.CHOICE, question, options);
  }

  /** A whole number. */
  public static Prompt<Long> integer(String question) {
    return of(PromptKind.INTEGER, fixed(question), List.of());
  }

  /** A number, possibly with decimals. */
  public static Prompt<BigDecimal> number(String question) {
    return of(PromptKind.NUMBER, fixed(question), List.of());
  }

  /** A day and a time; a time alone means its next occurrence, a day alone is not enough. */
  public static Prompt<ZonedDateTime> dateTime(String question) {
    return of(PromptKind.DATE_TIME, fixed(question), List.of());
  }

  /** A day. */
  public static Prompt<LocalDate> date(String question) {
    return of(PromptKind.DATE, fixed(question), List.of());
  }

  /** Yes or no, offered as two buttons. */
  public static Prompt<Boolean> yesNo(String question) {
    return yesNo(fixed(question));
  }

  /** Yes or no, the question computed from the slots. */
  public static Prompt<Boolean> yesNo(Function<Slots, String> question) {
    return of(PromptKind.YES_NO, question, PromptKind.YES_NO_CHOICES);
  }

  /** An e-mail address. */
  public static Prompt<String> email(String question) {
    return of(PromptKind.EMAIL, fixed(question), List.of());
  }

  /** A phone number, stored without separators ({@code +33612345678}). */
  public static Prompt<String> phone(String question) {
    return of(PromptKind.PHONE, fixed(question), List.of());
  }

  /** Adds a check: an answer for which {@code valid} is false is refused with {@code error}, then asked again. */
  public Prompt<T> validate(Predicate<? super T> valid, String error) {
    Objects.requireNonNull(valid, "valid");
    if (error == null || error.isBlank()) {
      throw new IllegalArgumentException("a validator needs the message that tells the customer what is wrong");
    }
    return validate(value -> valid.test(value) ? null : error);
  }

  /** Adds a check that returns what is wrong with an answer, or null when it is fine. */
  public Prompt<T> validate(Function<? super T, String> check) {
    Objects.requireNonNull(check, "check");
    List<Function<? super T, String>> more = new ArrayList<>(validators);
    more.add(check);
    return new Prompt<>(kind, question, choices, more, retryMessage, maxAttempts, giveUp);
  }

  /** What is said before asking again when an answer cannot be read at all; a message per kind unless set. */
  public Prompt<T> retry(String message) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("retry message must not be blank");
    }
    return new Prompt<>(kind, question, choices, validators, message, maxAttempts, giveUp);
  }

  /** Wrong answers accepted before giving up, 1 to 20; {@value #DEFAULT_MAX_ATTEMPTS} unless set. */
  public Prompt<T> maxAttempts(int attempts) {
    if (attempts < 1 || attempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be from 1 to 20, got " + attempts);
    }
    return new Prompt<>(kind, question, choices, validators, retryMessage, attempts, giveUp);
  }

  /**
   * What happens after the last wrong answer, instead of the default (saying so and cancelling the
   * flow). The handler decides: {@code turn.handOff(...)}, {@code turn.goTo(...)}, {@code
   * turn.endFlow()}; if it does none of these, the flow is cancelled.
   */
  public Prompt<T> onGiveUp(TurnHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return new Prompt<>(kind, question, choices, validators, retryMessage, maxAttempts, handler);
  }

  /** What kind of answer this prompt reads, for logs: {@code "integer"}, {@code "choice"}, ... */
  public String kind() {
    return kind.label;
  }

  @Override
  public String toString() {
    return "Prompt[" + kind.label + ", maxAttempts " + maxAttempts + "]";
  }
}
