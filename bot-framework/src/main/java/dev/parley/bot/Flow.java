package dev.parley.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A multi-step dialog declared in Java: questions that fill slots, messages, code steps, branches,
 * jumps and sub-flows. Where the customer is (flow, step, slots, wrong attempts) is saved in the
 * conversation store after every turn, so a flow survives restarts and continues on any node.
 *
 * <pre>{@code
 * Flow booking = Flow.builder("booking")
 *     .triggeredBy("book_table", "BOOK")                     // an intent, a payload or a phrase starts it
 *     .ask("guests", Prompt.integer("For how many people?")
 *         .validate(n -> n >= 1 && n <= 12, "We take 1 to 12 people."))
 *     .ask("when", Prompt.dateTime("Which day and time?"))
 *     .ask("ok", Prompt.yesNo(slots -> "A table for " + slots.integer("guests") + ", shall I book it?"))
 *     .branch(slots -> slots.bool("ok") ? "book" : "dropped")
 *     .step("book", turn -> turn.reply("Booked, see you then!"))
 *     .end()
 *     .step("dropped", turn -> turn.reply("No problem, nothing was booked."))
 *     .inactivityReminder(Duration.ofMinutes(10), "Are you still there?")
 *     .build();
 * }</pre>
 *
 * <p>Steps run in order. A question waits for the customer's answer; other steps run straight on.
 * A code step may redirect with {@link Turn#goTo}, {@link Turn#endFlow} or {@link Turn#startFlow}
 * (a sub-flow: this flow resumes after it ends, with the sub-flow's slots copied into its own).
 * {@linkplain GlobalIntent Global intents} interrupt any step and the flow resumes where the customer
 * was. Immutable and thread-safe.
 */
public final class Flow {
  private static final int MAX_NAME = 100;

  private final String name;
  private final List<FlowStep> steps;
  private final Map<String, Integer> stepIndex;
  private final Set<String> triggers;
  private final TurnHandler onComplete;
  private final Duration inactivityAfter;
  private final String inactivityText;
  private final Duration timeoutAfter;
  private final String timeoutText;

  private Flow(Builder builder) {
    this.name = builder.name;
    this.steps = List.copyOf(builder.steps);
    this.stepIndex = Map.copyOf(builder.stepIndex);
    this.triggers = Set.copyOf(builder.triggers);
    this.onComplete = builder.onComplete;
    this.inactivityAfter = builder.inactivityAfter;
    this.inactivityText = builder.inactivityText;
    this.timeoutAfter = builder.timeoutAfter;
    this.timeoutText = builder.timeoutText;
  }

  /** Starts declaring a flow; {@code name} identifies it in the saved state, so keep it stable. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The names of its steps, in order (a question's step is named after its slot). */
  public List<String> stepNames() {
    List<String> names = new ArrayList<>(steps.size());
    steps.forEach(step -> names.add(step.name()));
    return names;
  }

  List<FlowStep> steps() {
    return steps;
  }

  int indexOf(String step) {
    Integer index = stepIndex.get(step);
    if (index == null) {
      throw new IllegalArgumentException("flow '" + name + "' has no step '" + step + "'; its steps are " + stepNames());
    }
    return index;
  }

  Set<String> triggers() {
    return triggers;
  }

  TurnHandler onComplete() {
    return onComplete;
  }

  Duration inactivityAfter() {
    return inactivityAfter;
  }

  String inactivityText() {
    return inactivityText;
  }

  Duration timeoutAfter() {
    return timeoutAfter;
  }

  String timeoutText() {
    return timeoutText;
  }

  @Override
  public String toString() {
    return "Flow[" + name + ", steps " + stepNames() + "]";
  }

  /** Declares a flow step by step. Not thread-safe; build once at start-up. */
  public static final class Builder {
    private final String name;
    private final List<FlowStep> steps = new ArrayList<>();
    private final Map<String, Integer> stepIndex = new HashMap<>();
    private final Set<String> triggers = new LinkedHashSet<>();
    private final List<String> jumpTargets = new ArrayList<>();
    private TurnHandler onComplete;
    private Duration inactivityAfter;
    private String inactivityText;
    private Duration timeoutAfter;
    private String timeoutText;

    private Builder(String name) {
      this.name = requireName("flow name", name);
    }

    /**
     * What starts this flow when no flow is running: recognizer intent names, quick-reply or postback
     * payloads, or exact phrases (compared without case and accents).
     */
    public Builder triggeredBy(String... intentsPayloadsOrPhrases) {
      for (String trigger : intentsPayloadsOrPhrases) {
        triggers.add(requireName("flow trigger", trigger));
      }
      return this;
    }

    /** Asks {@code prompt} and stores the answer in slot {@code slot}; the step is named {@code slot}. */
    public Builder ask(String slot, Prompt<?> prompt) {
      Objects.requireNonNull(prompt, "prompt");
      return add(new FlowStep.Ask(Slots.requireName(slot), prompt));
    }

    /** Says {@code text}. */
    public Builder say(String text) {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("flow '" + name + "': say(...) needs text");
      }
      return say(slots -> text);
    }

    /** Says the text computed from the slots. */
    public Builder say(Function<Slots, String> text) {
      Objects.requireNonNull(text, "text");
      return add(new FlowStep.Say("#" + steps.size(), text));
    }

    /** Runs code: replies, slots, reminders, a handoff; then goes on unless it redirected the flow. */
    public Builder step(String stepName, TurnHandler action) {
      Objects.requireNonNull(action, "action");
      return add(new FlowStep.Action(requireName("step name", stepName), action));
    }

    /** Goes to the step {@code next} returns (a step name), or straight on when it returns null. */
    public Builder branch(Function<Slots, String> next) {
      Objects.requireNonNull(next, "next");
      return add(new FlowStep.Branch("#" + steps.size(), next));
    }

    /** Goes to {@code stepName} (for loops and joins). */
    public Builder goTo(String stepName) {
      jumpTargets.add(requireName("step name", stepName));
      return add(new FlowStep.GoTo("#" + steps.size(), stepName));
    }

    /** Runs the flow named {@code flowName} to its end, then goes on here with its slots copied in. */
    public Builder subFlow(String flowName) {
      return add(new FlowStep.SubFlow("#" + steps.size(), requireName("flow name", flowName)));
    }

    /** Ends the flow here (steps after it are reached only by a jump or a branch). */
    public Builder end() {
      return add(new FlowStep.End("#" + steps.size()));
    }

    /** Runs when the flow reaches its end (not when it is cancelled). */
    public Builder onComplete(TurnHandler handler) {
      this.onComplete = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Once a question has waited {@code after} without an answer, says {@code text} and asks again;
     * a durable reminder, so it fires after a restart and once only.
     */
    public Builder inactivityReminder(Duration after, String text) {
      this.inactivityAfter = requirePositive("inactivity reminder", after);
      this.inactivityText = requireText("inactivity reminder", text);
      return this;
    }

    /** Once a question has waited {@code after} without an answer, says {@code text} and cancels the flow. */
    public Builder timeout(Duration after, String text) {
      this.timeoutAfter = requirePositive("timeout", after);
      this.timeoutText = requireText("timeout", text);
      return this;
    }

    /**
     * Checks the declaration and builds the flow.
     *
     * @throws IllegalArgumentException for an empty flow, two steps of one name, a jump to no step, or a
     *     timeout not later than the inactivity reminder
     */
    public Flow build() {
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("flow '" + name + "' has no steps");
      }
      for (String target : jumpTargets) {
        if (!stepIndex.containsKey(target)) {
          throw new IllegalArgumentException("flow '" + name + "' jumps to step '" + target + "', which it does not have");
        }
      }
      if (timeoutAfter != null && inactivityAfter != null && timeoutAfter.compareTo(inactivityAfter) <= 0) {
        throw new IllegalArgumentException("flow '" + name + "': timeout " + timeoutAfter
            + " must be later than the inactivity reminder " + inactivityAfter);
      }
      return new Flow(this);
    }

    private Builder add(FlowStep step) {
      if (stepIndex.putIfAbsent(step.name(), steps.size()) != null) {
        throw new IllegalArgumentException("flow '" + name + "' already has a step named '" + step.name() + "'");
      }
      steps.add(step);
      return this;
    }

    private String requireText(String what, String text) {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("flow '" + name + "': " + what + " needs text");
      }
      return text;
    }

    private Duration requirePositive(String what, Duration after) {
      if (after == null || after.isNegative() || after.isZero() || after.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException("flow '" + name + "': " + what + " must be after more than 0 and at most 365 days, got "
            + after);
      }
      return after;
    }
  }

  static String requireName(String what, String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || name.startsWith("#")) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME + " characters, not starting with '#', got "
          + (name == null ? "null" : "'" + (name.length() > 40 ? name.substring(0, 39) + "…" : name) + "'"));
    }
    return name;
  }
}
