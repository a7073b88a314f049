package dev.parley.core.media;

import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.PHONE_NUMBER_ID;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RetryPolicy;
import dev.parley.core.send.GraphTestServer;
import dev.parley.core.send.VirtualTime;
import dev.parley.core.webhook.Attachment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp media streamed to a file by {@link MediaDownloads#downloadTo}, against a MockWebServer
 * playing the Graph API and its download host: a file many buffers long lands byte for byte with its
 * size and SHA-256; and whatever goes wrong (a SHA-256 mismatch, a file over the limit, declared or
 * not, the connection lost, the future cancelled mid-body, a directory that does not exist) the
 * download fails as the {@code byte[]} one does and leaves no file behind.
 */
class MediaDownloadToTest {
  private static final String MEDIA_ID = "1037543291543636";
  private static final String PATH = "/whatsapp_business/attachments/";
  /** Twenty buffers and a bit: a file that cannot pass through one read. */
  private static final byte[] VIDEO = random(20 * 16 * 1024 + 123);

  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);
  final GraphRig rig = new GraphRig(server, time);
  @TempDir
  Path directory;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseStalledBodies() {
    release.countDown();
  }

  private MediaDownloads downloads(RetryPolicy policy) {
    return GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).retryPolicy(policy).build()
        .mediaDownloads();
  }

  private MediaDownloads downloads() {
    return downloads(RetryPolicy.none());
  }

  private MockResponse info(long size, String sha256) {
    return GraphTestServer.json(200, "{\"messaging_product\":\"whatsapp\",\"url\":\""
        + server.url(PATH + "?mid=" + MEDIA_ID + "&ext=1767225600&hash=ARk3") + "\",\"mime_type\":\"video/mp4\","
        + "\"sha256\":\"" + sha256 + "\",\"file_size\":\"" + size + "\",\"id\":\"" + MEDIA_ID + "\"}");
  }

  private static MockResponse chunked(byte[] content) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
        .chunkedBody(new Buffer().write(content), 4096).build();
  }

  /**
   * A body of {@code content} that sends its first {@code sent} bytes, then waits for the test's
   * release and closes the connection, short of its Content-Length.
   */
  private MockResponse cutShort(byte[] content, int sent) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4").body(new MockResponseBody() {
      @Override
      public long getContentLength() {
        return content.length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(content, 0, sent);
        sink.flush();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).onResponseEnd(new SocketEffect.CloseSocket()).build();
  }

  // ---- what lands ----

  @Test
  void aFileManyBuffersLongLandsByteForByteWithItsSizeAndSha256() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO).toUpperCase()));
    server.enqueue(chunked(VIDEO));
    Path target = directory.resolve("unboxing.mp4");

    DownloadedFile video = downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target);

    assertArrayEquals(VIDEO, Files.readAllBytes(target));
    assertEquals(new DownloadedFile(MEDIA_ID, "video/mp4", sha256(VIDEO), VIDEO.length, target), video,
        "the hash in lowercase, whatever case the platform used");
    rig.next();
    assertEquals("Bearer " + WHATSAPP_TOKEN, rig.next().getHeaders().get("Authorization"));
    assertFalse(video.toString().contains(WHATSAPP_TOKEN));
  }

  @Test
  void anAttachmentIsStreamedByItsMediaIdAndReplacesAnExistingFile() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO)));
    server.enqueue(chunked(VIDEO));
    Path target = Files.writeString(directory.resolve("old.mp4"), "an older, longer file ".repeat(50_000));
    Attachment attachment = new Attachment("video", null, MEDIA_ID, "video/mp4", null, null, "{}");

    DownloadedFile video = rig.driven(downloads().downloadToAsync(GraphTestServer.WHATSAPP_CUSTOMER, attachment,
        target));

    assertEquals(VIDEO.length, video.size());
    assertArrayEquals(VIDEO, Files.readAllBytes(target), "truncated, then written");
  }

  @Test
  void aBodyCutShortIsRetriedFromTheStartOfTheFile() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO)));
    release.countDown();
    server.enqueue(cutShort(VIDEO, VIDEO.length / 2));
    server.enqueue(chunked(VIDEO));
    Path target = directory.resolve("retried.mp4");

    DownloadedFile video = rig.driven(downloads(RetryPolicy.builder().jitter(0).build())
        .downloadToAsync(PHONE_NUMBER_ID, MEDIA_ID, target));

    assertEquals(VIDEO.length, video.size());
    assertArrayEquals(VIDEO, Files.readAllBytes(target));
    assertEquals(3, server.getRequestCount());
  }

  // ---- what fails leaves nothing ----

  @Test
  void contentThatDoesNotMatchItsSha256LeavesNoFile() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(new byte[] {1, 2, 3})));
    server.enqueue(chunked(VIDEO));
    Path target = directory.resolve("tampered.mp4");

    PlatformUnavailableException error = assertThrows(PlatformUnavailableException.class,
        () -> downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target));

    assertTrue(error.getMessage().contains(VIDEO.length + " bytes received have SHA-256 " + sha256(VIDEO)),
        error.getMessage());
    assertNoFiles();
  }

  @Test
  void aFileTheGraphApiSaysIsTooLargeIsNotFetched() throws Exception {
    server.enqueue(info(2_000, sha256(VIDEO)));
    Path target = directory.resolve("large.mp4");

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target, 1_000));

    assertEquals("WhatsApp media " + MEDIA_ID + " has 2000 bytes, over the download limit maxBytes=1000",
        error.getMessage());
    assertEquals(1, server.getRequestCount(), "the file itself was not fetched");
    assertNoFiles();
  }

  @Test
  void aContentLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
    server.enqueue(info(100, sha256(VIDEO)));
    server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(VIDEO)).build());
    Path target = Files.writeString(directory.resolve("large.mp4"), "kept");

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target, 100_000));

    assertEquals("WhatsApp media " + MEDIA_ID + " has " + VIDEO.length + " bytes, over the download limit "
        + "maxBytes=100000", error.getMessage());
    assertEquals("kept", Files.readString(target), "refused before the file was touched");
  }

  @Test
  void aFileLargerThanDeclaredIsCutOffAtTheLimitAndDeleted() throws Exception {
    server.enqueue(info(100, sha256(VIDEO)));
    server.enqueue(chunked(VIDEO));
    Path target = directory.resolve("large.mp4");

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target, 100_000));

    assertTrue(error.getMessage().endsWith("has more than 100000 bytes, over the download limit maxBytes=100000"),
        error.getMessage());
    assertNoFiles();
  }

  @Test
  void aConnectionLostMidBodyFailsAsAConnectionFailureAndLeavesNoFile() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO)));
    release.countDown();
    server.enqueue(cutShort(VIDEO, VIDEO.length / 2));
    Path target = directory.resolve("lost.mp4");

    ConnectionException error = assertThrows(ConnectionException.class,
        () -> downloads().downloadTo(PHONE_NUMBER_ID, MEDIA_ID, target));

    assertTrue(error.getMessage().startsWith("WhatsApp download of media " + MEDIA_ID + " failed"), error.getMessage());
    assertNoFiles();
  }

  @Test
  void aDownloadCancelledMidBodyLeavesNoFile() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO)));
    server.enqueue(cutShort(VIDEO, VIDEO.length / 2));
    Path target = directory.resolve("cancelled.mp4");
    CompletableFuture<DownloadedFile> download = downloads().downloadToAsync(PHONE_NUMBER_ID, MEDIA_ID, target);
    awaitWritten(target, 16 * 1024);

    assertTrue(download.cancel(true));

    assertNoFiles();
    assertThrows(CancellationException.class, download::get);
    release.countDown();
    assertEquals(2, server.getRequestCount(), "the cancelled call is not retried");
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsADiskFailureNotRetried() throws Exception {
    server.enqueue(info(VIDEO.length, sha256(VIDEO)));
    server.enqueue(chunked(VIDEO));
    Path target = directory.resolve("missing").resolve("video.mp4");

    ParleyException error = assertThrows(ParleyException.class,
        () -> rig.driven(downloads(RetryPolicy.builder().jitter(0).build()).downloadToAsync(PHONE_NUMBER_ID,
            MEDIA_ID, target)));

    assertSame(ParleyException.class, error.getClass(), error.toString());
    assertTrue(error.getMessage().contains("could not write " + target), error.getMessage());
    assertEquals(2, server.getRequestCount(), "a disk failure is not the network's: not retried");
    assertNoFiles();
  }

  @Test
  void badArgumentsAreRefusedByNameBeforeAnyRequest() throws Exception {
    MediaDownloads downloads = downloads();
    Path target = directory.resolve("x.mp4");
    refused(downloads.downloadToAsync("999", MEDIA_ID, target), "phoneNumberId '999'");
    refused(downloads.downloadToAsync(PHONE_NUMBER_ID, "../me", target), "mediaId '../me'");
    refused(downloads.downloadToAsync(PHONE_NUMBER_ID, MEDIA_ID, target, 0), "maxBytes 0 must be from 1 to 100000000");
    refused(downloads.downloadToAsync(PHONE_NUMBER_ID, MEDIA_ID, directory), "target '" + directory + "' is a directory");
    refused(downloads.downloadToAsync(GraphTestServer.WHATSAPP_CUSTOMER, new Attachment("location", null, null, null,
        null, null, "{}"), target), "the location attachment has no mediaId");
    assertThrows(NullPointerException.class, () -> downloads.downloadToAsync(PHONE_NUMBER_ID, MEDIA_ID, null));
    assertEquals(0, server.getRequestCount(), "nothing may reach the platform");
  }

  private static void refused(CompletableFuture<?> attempt, String expected) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> attempt.get(0, TimeUnit.SECONDS));
    assertTrue(failure.getCause() instanceof InvalidRequestException, String.valueOf(failure.getCause()));
    assertTrue(failure.getCause().getMessage().contains(expected), failure.getCause().getMessage());
  }

  private void assertNoFiles() throws IOException {
    try (var files = Files.walk(directory)) {
      assertEquals(0, files.filter(Files::isRegularFile).count(), "no partial file may be left");
    }
  }

  /** Waits until {@code target} holds at least {@code bytes}; fails after 30 s rather than hang. */
  private static void awaitWritten(Path target, long bytes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(target) || Files.size(target) < bytes) {
      assertTrue(System.nanoTime() < deadline, "the download never wrote " + bytes + " bytes to " + target);
      Thread.sleep(5);
    }
  }

  private static byte[] random(int length) {
    byte[] content = new byte[length];
    new Random(42).nextBytes(content);
    return content;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
