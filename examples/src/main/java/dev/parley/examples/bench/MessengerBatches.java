package dev.parley.examples.bench;

import java.nio.charset.StandardCharsets;

/**
 * Messenger webhook bodies as Meta posts them: one {@code page} entry with 10 events (six texts, a
 * quick reply, a postback, a delivery and a read), every event with its own message id or
 * watermark, so that each batch is new to a deduplicating receiver. Batches differ by number only.
 */
final class MessengerBatches {
  static final int EVENTS_PER_BATCH = 10;
  static final String PAGE_ID = "106234567890123";

  private MessengerBatches() {}

  /** The body of batch {@code number}, as the UTF-8 bytes Meta signs. */
  static byte[] batch(int number) {
    long base = 1_717_000_800_000L + number * 100L;
    String sender = Long.toString(7_301_234_567_000_000L + number % 500);
    StringBuilder json = new StringBuilder(4096)
        .append("{\"object\":\"page\",\"entry\":[{\"id\":\"").append(PAGE_ID).append("\",\"time\":").append(base)
        .append(",\"messaging\":[");
    for (int e = 0; e < EVENTS_PER_BATCH; e++) {
      String id = number + "_" + e;
      long at = base + e;
      if (e > 0) {
        json.append(',');
      }
      json.append("{\"sender\":{\"id\":\"").append(sender).append("\"},\"recipient\":{\"id\":\"").append(PAGE_ID)
          .append("\"},\"timestamp\":").append(at).append(',');
      switch (e) {
        case 6 -> json.append("\"message\":{\"mid\":\"m_bench_").append(id)
            .append("\",\"text\":\"Track my order\",\"quick_reply\":{\"payload\":\"TRACK_ORDER\"}}");
        case 7 -> json.append("\"postback\":{\"mid\":\"m_bench_").append(id)
            .append("\",\"title\":\"Talk to a human\",\"payload\":\"HUMAN\"}");
        case 8 -> json.append("\"delivery\":{\"mids\":[\"m_sent_").append(id).append("\"],\"watermark\":").append(at)
            .append('}');
        case 9 -> json.append("\"read\":{\"watermark\":").append(at).append('}');
        default -> json.append("\"message\":{\"mid\":\"m_bench_").append(id)
            .append("\",\"text\":\"Hello, where is my order A-").append(100_000 + number)
            .append("? It was due on Tuesday.\"}");
      }
      json.append('}');
    }
    return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
