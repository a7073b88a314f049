package dev.parley.core.conversation;

import dev.parley.core.testing.TestClock;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conversation store contract on the JDBC store over an H2 file, the embedded default. */
class H2ConversationStoreTest extends ConversationStoreContract {
  @TempDir
  Path directory;

  @Override
  protected ConversationStore openStore(TestClock clock) {
    return JdbcConversationStore.builder()
        .jdbcUrl(JdbcConversationStore.h2FileUrl(directory.resolve("parley")))
        .clock(clock)
        .maximumPoolSize(4)
        .build();
  }
}
