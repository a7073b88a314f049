package dev.parley.bot;

import com.google.gson.JsonObject;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.Text;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a conversation's flows: runs steps until one waits for an answer, reads answers, re-prompts,
 * gives up, completes flows and sub-flows, applies the moves handlers asked for, and handles the
 * flows' inactivity reminders. All of it on the turn's {@link ConversationData}, saved with the turn.
 */
final class FlowRunner {
  static final String GIVE_UP_TEXT = "Sorry, I still could not use that answer. Let's leave it there; "
      + "you can start again at any time.";
  private static final int MAX_STEPS_PER_TURN = 200;
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

  private final BotSettings settings;
  private final AnswerReader answers;

  FlowRunner(BotSettings settings) {
    this.settings = settings;
    this.answers = new AnswerReader(settings.clock(), settings.zone());
  }

  /** Whether the innermost flow waits for the customer's answer. */
  boolean waiting(Turn turn) {
    ConversationData.Frame top = turn.context().data.top();
    return top != null && top.waiting;
  }

  boolean running(Turn turn) {
    return turn.context().data.top() != null;
  }

  /** Starts {@code flow} (inside the running one, which resumes after it) and runs it to its first question. */
  void start(Turn turn, String flow) {
    turn.context().data.flows.add(new ConversationData.Frame(flow));
    run(turn);
  }

  /** Reads the customer's answer to the waiting question: stores it and goes on, or re-prompts, or gives up. */
  void answer(Turn turn) {
    TurnContext context = turn.context();
    ConversationData.Frame frame = context.data.top();
    FlowStep.Ask ask = (FlowStep.Ask) flow(frame).steps().get(frame.step);
    Prompt<?> prompt = ask.prompt();
    Optional<Object> answer = answers.read(prompt, turn.text(), turn.payload(), context.language());
    String error = answer.isEmpty() ? (prompt.retryMessage != null ? prompt.retryMessage : prompt.kind.unreadable)
        : validate(prompt, answer.get());
    if (error == null) {
      new Slots(frame.slots).put(ask.name(), AnswerReader.slotValue(answer.get()));
      frame.waiting = false;
      frame.attempts = 0;
      frame.step++;
      cancelTimers(context);
      run(turn);
      return;
    }
    frame.attempts++;
    if (frame.attempts >= prompt.maxAttempts) {
      giveUp(turn, frame, prompt);
      return;
    }
    turn.reply(error);
    ask(turn, frame, ask, true);
  }

  @SuppressWarnings("unchecked")
  private static String validate(Prompt<?> prompt, Object answer) {
    for (Function<?, String> validator : prompt.validators) {
      String error = ((Function<Object, String>) validator).apply(answer);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private void giveUp(Turn turn, ConversationData.Frame frame, Prompt<?> prompt) {
    TurnContext context = turn.context();
    frame.waiting = false;
    frame.attempts = 0;
    cancelTimers(context);
    if (prompt.giveUp == null) {
      turn.reply(GIVE_UP_TEXT);
      cancelAll(context);
      return;
    }
    prompt.giveUp.handle(turn);
    boolean moved = !context.flowRequests.isEmpty();
    if (handedOff(context)) {
      frame.waiting = !moved; // asked again once handed back
      if (!moved) {
        return;
      }
    }
    if (!moved) {
      cancelAll(context);
      return;
    }
    applyRequests(turn);
    run(turn);
  }

  /** Asks the waiting question again (after help, a hand-back, an inactivity reminder). */
  void reask(Turn turn, boolean scheduleTimers) {
    ConversationData.Frame frame = turn.context().data.top();
    if (frame == null || !frame.waiting) {
      return;
    }
    FlowStep step = flow(frame).steps().get(frame.step);
    if (step instanceof FlowStep.Ask ask) {
      ask(turn, frame, ask, scheduleTimers);
    }
  }

  /** After a hand-back: asks the waiting question again, or runs on where the flow stopped. */
  void resume(Turn turn) {
    if (waiting(turn)) {
      reask(turn, true);
    } else {
      run(turn);
    }
  }

  /** Cancels every flow. */
  void cancelAll(TurnContext context) {
    if (!context.data.flows.isEmpty()) {
      context.data.flows.clear();
      cancelTimers(context);
    }
  }

  /** Restarts the outermost flow from its first step with no slots. */
  void startOver(Turn turn) {
    TurnContext context = turn.context();
    if (context.data.flows.isEmpty()) {
      return;
    }
    String root = context.data.flows.get(0).flow;
    cancelAll(context);
    start(turn, root);
  }

  /** Applies the flow moves a handler asked for (start, go to, end, cancel); {@link #run} goes on from there. */
  void applyRequests(Turn turn) {
    TurnContext context = turn.context();
    for (TurnContext.FlowRequest request : context.takeFlowRequests()) {
      List<ConversationData.Frame> flows = context.data.flows;
      if (request instanceof TurnContext.FlowRequest.Start start) {
        flows.add(new ConversationData.Frame(start.flow()));
      } else if (request instanceof TurnContext.FlowRequest.GoTo goTo) {
        ConversationData.Frame top = context.data.top();
        if (top != null) {
          top.step = flow(top).indexOf(goTo.step());
          top.waiting = false;
          top.attempts = 0;
          cancelTimers(context);
        }
      } else if (request instanceof TurnContext.FlowRequest.End) {
        if (!flows.isEmpty()) {
          flows.remove(flows.size() - 1);
          cancelTimers(context);
        }
      } else {
        cancelAll(context);
      }
    }
  }

  /** Runs steps until a question waits, the flows end, or the conversation was handed to a human. */
  void run(Turn turn) {
    TurnContext context = turn.context();
    applyRequests(turn);
    for (int steps = 0; ; steps++) {
      ConversationData.Frame frame = context.data.top();
      if (frame == null || frame.waiting || handedOff(context)) {
        return;
      }
      if (steps >= MAX_STEPS_PER_TURN) {
        throw new IllegalStateException("flow '" + frame.flow + "' ran " + MAX_STEPS_PER_TURN
            + " steps in one turn without asking anything: a loop of jumps?");
      }
      Flow flow = settings.flows().get(frame.flow);
      if (flow == null) {
        log.warn("conversation {} was in flow '{}', which this bot no longer has; the flow is dropped",
            context.recipient().key(), frame.flow);
        context.data.flows.remove(context.data.flows.size() - 1);
        continue;
      }
      if (frame.step >= flow.steps().size()) {
        complete(turn, frame, flow);
        continue;
      }
      FlowStep step = flow.steps().get(frame.step);
      Slots slots = new Slots(frame.slots);
      if (step instanceof FlowStep.Ask ask) {
        frame.attempts = 0;
        ask(turn, frame, ask, true);
        return;
      } else if (step instanceof FlowStep.Say say) {
        turn.reply(say.text().apply(slots));
        frame.step++;
      } else if (step instanceof FlowStep.Action action) {
        frame.step++;
        action.action().handle(turn);
        applyRequests(turn);
      } else if (step instanceof FlowStep.Branch branch) {
        String target = branch.next().apply(slots);
        frame.step = target == null ? frame.step + 1 : flow.indexOf(target);
      } else if (step instanceof FlowStep.GoTo goTo) {
        frame.step = flow.indexOf(goTo.target());
      } else if (step instanceof FlowStep.SubFlow sub) {
        frame.step++;
        context.data.flows.add(new ConversationData.Frame(sub.flow()));
      } else {
        complete(turn, frame, flow);
      }
    }
  }

  private void complete(Turn turn, ConversationData.Frame frame, Flow flow) {
    TurnContext context = turn.context();
    frame.step = flow.steps().size();
    if (flow.onComplete() != null) {
      flow.onComplete().handle(turn);
    }
    List<ConversationData.Frame> flows = context.data.flows;
    flows.remove(frame);
    cancelTimers(context);
    ConversationData.Frame parent = context.data.top();
    if (parent != null) {
      JsonObject into = parent.slots;
      frame.slots.entrySet().forEach(entry -> into.add(entry.getKey(), entry.getValue()));
      if (parent.waiting && context.flowRequests.isEmpty()) {
        reask(turn, true); // the parent was interrupted at a question: ask it again
      }
    }
    applyRequests(turn);
  }

  private void ask(Turn turn, ConversationData.Frame frame, FlowStep.Ask ask, boolean scheduleTimers) {
    TurnContext context = turn.context();
    Prompt<?> prompt = ask.prompt();
    String question = prompt.question.apply(new Slots(frame.slots));
    turn.reply(prompt.choices.isEmpty() ? new Text(question) : new QuickReplies(question, prompt.choices));
    frame.waiting = true;
    if (!scheduleTimers) {
      return;
    }
    frame.ask = ++context.data.asks;
    Flow flow = flow(frame);
    Instant now = context.now();
    String askId = Long.toString(frame.ask);
    if (flow.inactivityAfter() != null) {
      context.scheduleReminder(Reminders.FLOW_INACTIVE, now.plus(flow.inactivityAfter()), askId);
    }
    if (flow.timeoutAfter() != null) {
      context.scheduleReminder(Reminders.FLOW_TIMEOUT, now.plus(flow.timeoutAfter()), askId);
    }
  }

  /** A flow reminder fired: nudges or times out the question it was set for, if it still waits. */
  void onFlowReminder(Turn turn) {
    TurnContext context = turn.context();
    ConversationData.Frame frame = context.data.top();
    Reminder reminder = turn.reminder();
    if (frame == null || !frame.waiting || !Long.toString(frame.ask).equals(reminder.data())) {
      return; // answered, moved on or cancelled since: a stale reminder
    }
    Flow flow = flow(frame);
    if (Reminders.FLOW_INACTIVE.equals(reminder.name()) && flow.inactivityText() != null) {
      turn.reply(flow.inactivityText());
      reask(turn, false);
    } else if (Reminders.FLOW_TIMEOUT.equals(reminder.name()) && flow.timeoutText() != null) {
      turn.reply(flow.timeoutText());
      cancelAll(context);
    }
  }

  private void cancelTimers(TurnContext context) {
    context.cancelReminder(Reminders.FLOW_INACTIVE);
    context.cancelReminder(Reminders.FLOW_TIMEOUT);
  }

  private static boolean handedOff(TurnContext context) {
    return context.newOwner != null && !context.newOwner.isBot();
  }

  private Flow flow(ConversationData.Frame frame) {
    Flow flow = settings.flows().get(frame.flow);
    if (flow == null) {
      throw new IllegalStateException("no flow named '" + frame.flow + "'");
    }
    return flow;
  }
}
