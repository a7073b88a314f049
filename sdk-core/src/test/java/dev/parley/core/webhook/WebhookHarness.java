package dev.parley.core.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A handler wired to an in-memory journal, a queued executor and a listener that collects events. */
final class WebhookHarness {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final WebhookSigner SIGNER = WebhookSigner.withAppSecret(WebhookFixtures.APP_SECRET);

  final InMemoryJournal journal;
  final QueuedExecutor executor = new QueuedExecutor();
  final List<InboundEvent> received = new CopyOnWriteArrayList<>();
  final WebhookHandler handler;

  WebhookHarness() {
    this(new InMemoryJournal(), b -> {});
  }

  WebhookHarness(InMemoryJournal journal, Consumer<WebhookHandler.Builder> customise) {
    this.journal = journal;
    WebhookHandler.Builder builder = builder(journal, received::add, executor);
    customise.accept(builder);
    this.handler = builder.build();
  }

  static WebhookHandler.Builder builder(InboundJournal journal, Consumer<InboundEvent> listener, Executor executor) {
    return WebhookHandler.builder()
        .appSecret(WebhookFixtures.APP_SECRET)
        .verifyToken(WebhookFixtures.VERIFY_TOKEN)
        .journal(journal)
        .listener(listener)
        .executor(executor)
        .clock(CLOCK);
  }

  /** Posts the body signed with the right secret and runs the dispatched work. */
  WebhookResponse postSignedAndRun(byte[] body) {
    WebhookResponse response = handler.handle(SIGNER.signedPost(body));
    executor.runAll();
    return response;
  }

  WebhookResponse postSignedAndRun(String body) {
    return postSignedAndRun(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
