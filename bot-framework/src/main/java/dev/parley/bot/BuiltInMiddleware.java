package dev.parley.bot;

import dev.parley.core.webhook.MessageReceived;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The middleware Parley ships: logging, typing indicator, owner check, metrics. */
final class BuiltInMiddleware {
  private static final Logger turns = LoggerFactory.getLogger("dev.parley.bot.turns");
  private static final Logger log = LoggerFactory.getLogger(BuiltInMiddleware.class);

  static final Middleware LOGGING = new Named("logging", BuiltInMiddleware::logging);
  static final Middleware TYPING = new Named("typingIndicator", BuiltInMiddleware::typing);
  static final Middleware OWNER_CHECK = new Named("ownerCheck", BuiltInMiddleware::ownerCheck);

  private BuiltInMiddleware() {}

  /** A middleware with a name for toString. */
  private record Named(String name, Middleware body) implements Middleware {
    @Override
    public void intercept(Chain chain) {
      body.intercept(chain);
    }

    @Override
    public String toString() {
      return "Middleware." + name + "()";
    }
  }

  private static void logging(Middleware.Chain chain) {
    Turn turn = chain.turn();
    long started = System.nanoTime();
    try {
      chain.proceed(turn);
    } catch (RuntimeException | Error e) {
      turns.warn("{} failed after {} ms", turn, elapsedMillis(started), e);
      throw e;
    }
    if (turns.isDebugEnabled()) {
      turns.debug("{} {} in {} ms, {} replies", turn, turn.context().silenced ? "silenced" : "handled",
          elapsedMillis(started), turn.replies().size());
    }
  }

  private static void typing(Middleware.Chain chain) {
    Turn turn = chain.turn();
    if (turn.event() instanceof MessageReceived && turn.owner().isBot() && !turn.event().standby()) {
      turn.typing();
    }
    chain.proceed(turn);
  }

  private static void ownerCheck(Middleware.Chain chain) {
    Turn turn = chain.turn();
    boolean standby = turn.event() != null && turn.event().standby();
    if (!turn.owner().isBot() || standby) {
      turn.context().silenced = true;
      return;
    }
    chain.proceed(turn);
  }

  static void measure(Middleware.Chain chain, TurnMetrics metrics) {
    Turn turn = chain.turn();
    long started = System.nanoTime();
    try {
      chain.proceed(turn);
    } catch (RuntimeException | Error e) {
      report(() -> metrics.turnFailed(turn, Duration.ofNanos(System.nanoTime() - started), e));
      throw e;
    }
    if (turn.context().silenced) {
      report(() -> metrics.turnSilenced(turn));
    } else {
      report(() -> metrics.turnCompleted(turn, Duration.ofNanos(System.nanoTime() - started), turn.replies().size()));
    }
  }

  private static void report(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("turn metrics listener failed; ignored", e);
    }
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
