package dev.parley.examples.demo;

import dev.parley.bot.Bot;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffMiddleware;
import dev.parley.bot.server.BotService;

/** Scratch: a minimal bot to exercise the wiring until the example concierge bot lands. */
final class StandInBot {
  private StandInBot() {}

  static Bot build(BotService.Desk desk) {
    HandoffMiddleware handoff = HandoffMiddleware.of(desk.handoffs()).concierge(desk.concierge());
    return Bot.builder()
        .store(desk.store())
        .outbox(desk.outbox())
        .clock(desk.clock())
        .handoffOwner(HandoffDesk.QUEUE_OWNER)
        .use(handoff)
        .fallback(handoff.notUnderstood(turn -> turn.reply("Sorry, I did not get that.")))
        .build();
  }
}
