package dev.parley.bot;

import java.util.List;

/** The middleware chain of one turn, ending in the router. */
final class TurnChain implements Middleware.Chain {
  private final List<Middleware> middleware;
  private final int index;
  private final Turn turn;
  private final TurnHandler end;
  private boolean proceeded;

  TurnChain(List<Middleware> middleware, int index, Turn turn, TurnHandler end) {
    this.middleware = middleware;
    this.index = index;
    this.turn = turn;
    this.end = end;
  }

  @Override
  public Turn turn() {
    return turn;
  }

  @Override
  public void proceed(Turn next) {
    if (next != turn) {
      throw new IllegalArgumentException("middleware must proceed with the chain's own turn");
    }
    if (proceeded) {
      throw new IllegalStateException("middleware " + middleware.get(index - 1) + " called proceed twice");
    }
    proceeded = true;
    if (index < middleware.size()) {
      middleware.get(index).intercept(new TurnChain(middleware, index + 1, turn, end));
    } else {
      end.handle(turn);
    }
  }
}
