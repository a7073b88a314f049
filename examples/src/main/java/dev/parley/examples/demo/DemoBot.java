package dev.parley.examples.demo;

import dev.parley.bot.Bot;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffMiddleware;
import dev.parley.bot.server.BotService;

/** The bot of the demo. Interim: replaced by the example concierge bot of the {@code server} subcommand. */
final class DemoBot {
  private DemoBot() {}

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
