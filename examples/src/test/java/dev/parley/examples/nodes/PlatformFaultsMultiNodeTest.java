package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.testkit.Fault;
import dev.parley.testkit.PlatformSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Three nodes sending through a platform that fails: a storm of 503s, 429s with {@code Retry-After} and
 * latency spikes on the Send API. The replies wait in the outbox (the queue is visible in the store and
 * the retries in the nodes' logs), the nodes' memory stays bounded (heap capped, resident size sampled,
 * no OutOfMemoryError), and once the platform recovers every reply goes out once.
 */
class PlatformFaultsMultiNodeTest {
  private static final long MAX_RESIDENT_KB = 600 * 1024;

  @Test
  void repliesWaitOutAFailingPlatformInBoundedQueuesAndAllGoOutOnce() throws Exception {
    String dbUrl = EmbeddedPostgresDatabases.freshDatabaseUrl();
    StoreQueries store = new StoreQueries(dbUrl);
    try (PlatformSandbox sandbox = Cluster.sandbox(); Cluster cluster = new Cluster(3, dbUrl, sandbox)) {
      sandbox.inject(Fault.serverError(503).withProbability(0.4, 7).onPath("*/messages"));
      sandbox.inject(Fault.rateLimited(Duration.ofSeconds(1)).withProbability(0.2, 11).onPath("*/messages"));
      sandbox.inject(Fault.latency(Duration.ofMillis(250)).withProbability(0.2, 13).onPath("*/messages"));
      AtomicBoolean storm = new AtomicBoolean(true);
      AtomicLong maxWaiting = new AtomicLong();
      AtomicLong maxResident = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (storm.get()) {
          maxWaiting.accumulateAndGet(store.number("SELECT COUNT(*) FROM parley_outbox WHERE state <> 'DELIVERED'"),
              Math::max);
          cluster.nodes().forEach(node -> maxResident.accumulateAndGet(node.residentKilobytes(), Math::max));
          Cluster.pause(250);
        }
      });
      sampler.start();

      Chats chats = Chats.start(cluster, sandbox, "f", 60, 5, Duration.ZERO);
      chats.awaitAllAcknowledged();
      Cluster.pause(5_000); // the storm goes on a while with every reply queued
      storm.set(false);
      sampler.join();
      sandbox.clearFaults();

      Map<String, List<String>> answers = chats.awaitAnswers(sandbox, Duration.ofSeconds(120));

      assertEquals(List.of(), chats.lostOrDoubled(answers), "conversations that lost or doubled a reply");
      assertTrue(maxWaiting.get() > 0 && maxWaiting.get() <= chats.total(),
          "replies waited in the outbox, never more than were made: " + maxWaiting.get());
      assertEquals(0, store.number("SELECT COUNT(*) FROM parley_outbox WHERE state <> 'DELIVERED'"));
      assertTrue(maxResident.get() < MAX_RESIDENT_KB, "a node's resident size reached " + maxResident.get() + " kB");
      List<String> output = cluster.nodes().stream().flatMap(node -> node.output().stream()).toList();
      assertFalse(output.stream().anyMatch(line -> line.contains("OutOfMemoryError")), "no node ran out of memory");
      assertTrue(output.stream().anyMatch(line -> line.contains("retrying in")), "the retries show in the logs");
      assertTrue(cluster.nodes().stream().allMatch(NodeProcess::alive), "no node fell over");
    }
  }
}
