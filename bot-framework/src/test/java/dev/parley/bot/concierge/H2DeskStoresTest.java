package dev.parley.bot.concierge;

import java.util.concurrent.atomic.AtomicInteger;

/** The desk stores on H2 in PostgreSQL mode. */
class H2DeskStoresTest extends JdbcDeskStoresContract {
  private static final AtomicInteger names = new AtomicInteger();

  @Override
  String freshDatabaseUrl() {
    return "jdbc:h2:mem:desk" + names.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
  }
}
