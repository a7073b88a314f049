package dev.parley.bot;

import java.util.function.Function;

/** One step of a {@link Flow}. */
sealed interface FlowStep {
  String name();

  record Ask(String name, Prompt<?> prompt) implements FlowStep {}

  record Say(String name, Function<Slots, String> text) implements FlowStep {}

  record Action(String name, TurnHandler action) implements FlowStep {}

  record Branch(String name, Function<Slots, String> next) implements FlowStep {}

  record GoTo(String name, String target) implements FlowStep {}

  record SubFlow(String name, String flow) implements FlowStep {}

  record End(String name) implements FlowStep {}
}
