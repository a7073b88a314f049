package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.OutboxDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** The end of the send path in runtime tests: keeps what the outbox delivered, in order. Thread-safe. */
final class RecordingSender implements OutboxDelivery {
  /** One delivered message. */
  record Sent(Recipient recipient, Message message) {
    String text() {
      return message instanceof Text text ? text.text() : message.toString();
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public synchronized CompletionStage<SendReceipt> deliver(Recipient recipient, Message message) {
    sent.add(new Sent(recipient, message));
    return CompletableFuture.completedFuture(
        new SendReceipt("m_sent_" + ids.incrementAndGet(), recipient.channel(), recipient, 1));
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  synchronized List<String> textsTo(Recipient recipient) {
    return sent.stream().filter(s -> s.recipient().equals(recipient)).map(Sent::text).toList();
  }
}
