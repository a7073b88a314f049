package dev.parley.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The keyed-once HMAC against the RFC test vectors, reused and shared across threads. */
class HmacTest {

  private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

  @Test
  void sha256MatchesRfc4231TestCase2() {
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hmac.sha256(KEY).hex(DATA));
  }

  @Test
  void sha1MatchesRfc2202TestCase2() {
    assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", Hmac.sha1(KEY).hex(DATA));
  }

  @Test
  void oneInstanceGivesTheSameDigestEveryTimeAndOnEveryThread() throws InterruptedException {
    Hmac hmac = Hmac.sha256(KEY);
    Set<String> digests = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 500; i++) {
          digests.add(hmac.hex(DATA));
          digests.add(hmac.hex(new byte[i % 7]).isEmpty() ? "empty" : hmac.hex(DATA));
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(Set.of("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), digests);
  }

  @Test
  void theKeyIsCopiedInAndNeverShown() {
    byte[] key = "s3cr3t-key".getBytes(StandardCharsets.UTF_8);
    Hmac hmac = Hmac.sha256(key);
    String before = hmac.hex(DATA);

    key[0] = 'X';

    assertEquals(before, hmac.hex(DATA));
    assertFalse(hmac.toString().contains("s3cr3t"), hmac.toString());
  }

  @Test
  void anEmptyKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Hmac.sha256(new byte[0]));
  }
}
