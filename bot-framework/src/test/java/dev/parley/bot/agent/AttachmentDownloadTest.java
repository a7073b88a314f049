package dev.parley.bot.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.bot.server.DeskRig;
import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.webhook.InboundEvent;
import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WhatsApp customer's photo and invoice opened by an agent through the agent API over a real JDK
 * HTTP server, fetched from a MockWebServer playing the Graph API and its signed download host: the
 * transcript's link, the bytes with their headers, and every refusal (unknown conversation, message or
 * attachment, a message of another customer, bad path values, an expired media id). A file of several
 * megabytes is streamed through a temporary file, which is gone after every test, also when the
 * browser leaves mid-download.
 */
class AttachmentDownloadTest {
  private static final String AGENT_TOKEN = "token-of-alice-0123456789";
  private static final String PHONE_ID = "2000000002";
  private static final String UNCONFIGURED_PHONE_ID = "2000000099";
  private static final String WHATSAPP_TOKEN = "EAAGwhatsAppTokenForMediaTests0002";
  private static final String SIGNATURE = "sig-ARk3-do-not-leak";
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
      1, 1, 0, (byte) 0xFF, (byte) 0xD9};
  private static final byte[] PDF = "%PDF-1.7 invoice A-1001".getBytes(StandardCharsets.US_ASCII);

  private final MockWebServer graph = new MockWebServer();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private DeskRig rig;
  private HttpServer server;
  private String base;
  private final Recipient ana = Recipient.whatsApp(PHONE_ID, "33612345678");
  private final Recipient bob = Recipient.whatsApp(PHONE_ID, "33698765432");
  /** Run once when the server closed an attachment's body, before the handler returns; set by a test. */
  private final AtomicReference<Runnable> afterBodyClosed = new AtomicReference<>();
  /** What escaped the API's handler, and the attachment downloads it finished. */
  private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private final CountDownLatch downloadsHandled = new CountDownLatch(1);
  /** Where the server keeps attachments on their way: empty after every test, whatever it did. */
  @TempDir
  Path directory;

  @BeforeEach
  void start() throws Exception {
    graph.setDispatcher(new MediaHost());
    graph.start();
    rig = new DeskRig();
    Parley parley = Parley.builder().whatsAppNumber(PHONE_ID, WHATSAPP_TOKEN)
        .graphApiBase(graph.url("/").toString()).clock(rig.clock).lastInboundTimes(rig.store)
        .rateLimits(RateLimits.none()).retryPolicy(RetryPolicy.none()).build();
    AgentApi agents = AgentApi.builder(rig.store, rig.handoffs, rig.concierge, parley, rig.outbox)
        .deliveryWait(Duration.ZERO).clock(rig.clock).attachmentDirectory(directory).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/inbox/api", new AgentHttpApi(agents, AgentTokens.parse("alice:" + AGENT_TOKEN)))
        .getFilters().add(new Watch());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      awaitNoTemporaryFiles();
    } finally {
      server.stop(0);
      rig.close();
      graph.close();
    }
  }

  @Test
  void thePhotoOfADamagedParcelOpensInPlaceWithItsBytesAndSafeHeaders() throws Exception {
    StoredMessage photo = customerSends(ana, "image", "1037543291543636", "image/jpeg", JPEG, "the dent", null);

    JsonObject attachment = transcriptAttachment(ana, photo.id());
    String url = attachment.get("url").getAsString();
    assertEquals("/inbox/api/conversations/" + encoded(ana) + "/messages/" + photo.id() + "/attachments/0", url);
    assertEquals("the dent", attachment.get("name").getAsString());

    HttpResponse<byte[]> answer = get(url);

    assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
    assertArrayEquals(JPEG, answer.body());
    assertEquals("image/jpeg", header(answer, "Content-Type"));
    assertEquals("inline; filename=\"image-1037543291543636.jpg\"; filename*=UTF-8''image-1037543291543636.jpg",
        header(answer, "Content-Disposition"));
    assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
    assertEquals("private, no-store", header(answer, "Cache-Control"));
    RecordedRequest lookup = requests.get(0);
    assertEquals("/v25.0/1037543291543636", lookup.getUrl().encodedPath());
    assertEquals(PHONE_ID, lookup.getUrl().queryParameter("phone_number_id"));
    assertEquals("Bearer " + WHATSAPP_TOKEN, requests.get(1).getHeaders().get("Authorization"),
        "the signed URL is fetched with the number's token");
  }

  @Test
  void anInvoiceIsSavedUnderTheCustomersFileNameMadeSafe() throws Exception {
    StoredMessage invoice = customerSends(ana, "document", "2047543291543637", "application/pdf", PDF, null,
        "../Facture \"A-1001\" été.pdf");

    HttpResponse<byte[]> answer = get(transcriptAttachment(ana, invoice.id()).get("url").getAsString());

    assertEquals(200, answer.statusCode());
    assertArrayEquals(PDF, answer.body());
    assertEquals("application/pdf", header(answer, "Content-Type"));
    assertEquals("attachment; filename=\"Facture _A-1001_ _t_.pdf\"; "
        + "filename*=UTF-8''Facture%20_A-1001_%20%C3%A9t%C3%A9.pdf", header(answer, "Content-Disposition"));
  }

  @Test
  void aVideoOfSeveralMegabytesIsStreamedByteForByteAndItsTemporaryFileDeleted() throws Exception {
    byte[] video = random(6 * 1024 * 1024 + 7);
    StoredMessage sent = customerSends(ana, "video", "7037543291543642", "video/mp4", video, null, "unboxing.mp4");

    HttpResponse<byte[]> answer = get(transcriptAttachment(ana, sent.id()).get("url").getAsString());

    assertEquals(200, answer.statusCode());
    assertArrayEquals(video, answer.body());
    assertEquals(Integer.toString(video.length), header(answer, "Content-Length"));
    assertEquals("video/mp4", header(answer, "Content-Type"));
    assertEquals("attachment; filename=\"unboxing.mp4\"; filename*=UTF-8''unboxing.mp4",
        header(answer, "Content-Disposition"));
    assertEquals("sandbox", header(answer, "Content-Security-Policy"));
    assertEquals("private, no-store", header(answer, "Cache-Control"));
    assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
    awaitNoTemporaryFiles();
  }

  @Test
  void aBrowserThatGoesAwayMidDownloadLeavesNoTemporaryFile() throws Exception {
    // larger than what the loopback's socket buffers hold, so the server is still sending when the client leaves
    byte[] video = random(32 * 1024 * 1024);
    StoredMessage sent = customerSends(ana, "video", "8037543291543643", "video/mp4", video, null, null);
    String path = transcriptAttachment(ana, sent.id()).get("url").getAsString();

    try (Socket browser = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
      browser.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + AGENT_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = browser.getInputStream();
      byte[] start = in.readNBytes(64 * 1024);
      String head = new String(start, 0, 200, StandardCharsets.ISO_8859_1);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      List<Path> sending = temporaryFiles();
      assertEquals(1, sending.size(), "the file being sent: " + sending);
      assertTrue(sending.get(0).getFileName().toString().startsWith("parley-attachment-"), sending.toString());
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(sending.get(0)),
            "a customer's file is readable by the server's user only");
      }
    }

    awaitNoTemporaryFiles();
  }

  @Test
  void aTemporaryFileThatCannotBeDeletedAfterItWasSentLeavesTheDownloadIntact() throws Exception {
    byte[] video = random(256 * 1024 + 3);
    StoredMessage sent = customerSends(ana, "video", "9037543291543644", "video/mp4", video, null, null);
    String path = transcriptAttachment(ana, sent.id()).get("url").getAsString();
    // Once the bytes are out, a non-empty directory takes the file's place: deleting it fails, even for root.
    List<Path> inTheWay = new CopyOnWriteArrayList<>();
    afterBodyClosed.set(() -> {
      try {
        for (Path file : temporaryFiles()) {
          Files.delete(file);
          Files.writeString(Files.createDirectory(file).resolve("in-the-way"), "x");
          inTheWay.add(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    HttpResponse<byte[]> answer = get(path);

    assertEquals(200, answer.statusCode());
    assertArrayEquals(video, answer.body());
    assertTrue(downloadsHandled.await(10, TimeUnit.SECONDS), "the handler finished");
    assertEquals(1, inTheWay.size(), "the file was sent, then could not be deleted");
    assertTrue(Files.isDirectory(inTheWay.get(0)), "left for the operator, with a warning in the log");
    assertEquals(List.of(), escaped, "a failed delete is no error of the request");
    Files.delete(inTheWay.get(0).resolve("in-the-way"));
    Files.delete(inTheWay.get(0));
  }

  @Test
  void unknownConversationsMessagesAndAttachmentsAre404sNamingWhatIsMissing() throws Exception {
    StoredMessage photo = customerSends(ana, "image", "1037543291543636", "image/jpeg", JPEG, null, null);
    rig.store.append(NewMessage.inbound(ana, "Thanks", null, "wamid.text." + System.nanoTime(), rig.clock.instant()));
    String conversation = "/inbox/api/conversations/" + encoded(ana);

    assertError(get("/inbox/api/conversations/whatsapp%3A" + PHONE_ID + "%3A4400000000/messages/" + photo.id()
        + "/attachments/0"), 404, "no conversation whatsapp:" + PHONE_ID + ":4400000000");
    assertError(get(conversation + "/messages/987654/attachments/0"), 404,
        "no message 987654 in conversation " + ana.key());
    assertError(get(conversation + "/messages/" + photo.id() + "/attachments/1"), 404,
        "message " + photo.id() + " of conversation " + ana.key() + " has no attachment 1; it has 1 (index 0)");
    assertError(get(conversation + "/messages/" + (photo.id() + 1) + "/attachments/0"), 404, "has no attachment 0; it has 0");
    assertTrue(requests.isEmpty(), "nothing was asked of the platform: " + requests);
  }

  @Test
  void aMediaIdOfAnotherCustomersMessageIsNeverFetchedThroughThisConversation() throws Exception {
    StoredMessage bobsPhoto = customerSends(bob, "image", "3037543291543638", "image/jpeg", JPEG, null, null);
    customerSends(ana, "image", "1037543291543636", "image/jpeg", JPEG, null, null);

    HttpResponse<byte[]> answer = get("/inbox/api/conversations/" + encoded(ana) + "/messages/" + bobsPhoto.id()
        + "/attachments/0");

    assertError(answer, 404, "no message " + bobsPhoto.id() + " in conversation " + ana.key());
    assertTrue(requests.isEmpty(), "bob's media was not looked up: " + requests);
  }

  @Test
  void badPathValuesAre400sNamingTheFieldAndValue() throws Exception {
    String conversation = "/inbox/api/conversations/" + encoded(ana);
    customerSends(ana, "image", "1037543291543636", "image/jpeg", JPEG, null, null);

    assertError(get(conversation + "/messages/abc/attachments/0"), 400,
        "message id 'abc' is not a whole number from 1 to");
    assertError(get(conversation + "/messages/0/attachments/0"), 400, "message id '0' is not a whole number from 1");
    assertError(get(conversation + "/messages/99999999999999999999/attachments/0"), 400,
        "message id '99999999999999999999'");
    assertError(get(conversation + "/messages/1/attachments/-1"), 400,
        "attachment index '-1' is not a whole number from 0 to 99");
    assertError(get("/inbox/api/conversations/nowhere/messages/1/attachments/0"), 400,
        "conversation id 'nowhere' is not channel:business:user");
  }

  @Test
  void anExpiredMediaIdIsA502NamingItWithoutTheTokenOrTheSignedUrl() throws Exception {
    StoredMessage gone = customerSends(ana, "image", "4037543291543639", "image/jpeg", null, null, null);
    StoredMessage broken = customerSends(ana, "video", "5037543291543640", "video/mp4", new byte[] {1, 2, 3}, null,
        null);
    files.remove("5037543291543640"); // the lookup answers, the signed URL then fails

    for (StoredMessage message : List.of(gone, broken)) {
      HttpResponse<byte[]> answer = get(transcriptAttachment(ana, message.id()).get("url").getAsString());

      String body = new String(answer.body(), StandardCharsets.UTF_8);
      assertEquals(502, answer.statusCode(), body);
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      assertEquals("platform", error.get("code").getAsString());
      String mediaId = message.id() == gone.id() ? "4037543291543639" : "5037543291543640";
      assertTrue(error.get("message").getAsString().startsWith("WhatsApp did not give media " + mediaId), body);
      assertFalse(body.contains(WHATSAPP_TOKEN), body);
      assertFalse(body.contains(SIGNATURE), body);
      assertFalse(body.contains(graph.getHostName() + ":" + graph.getPort()), body);
    }
  }

  @Test
  void aNumberWithoutATokenGivesNoLinkAndA501() throws Exception {
    Recipient other = Recipient.whatsApp(UNCONFIGURED_PHONE_ID, "33612345678");
    StoredMessage photo = customerSends(other, "image", "6037543291543641", "image/jpeg", JPEG, null, null);

    assertTrue(transcriptAttachment(other, photo.id()).get("url").isJsonNull(), "no link the inbox cannot open");
    assertError(get("/inbox/api/conversations/" + encoded(other) + "/messages/" + photo.id() + "/attachments/0"), 501,
        "WhatsApp number " + UNCONFIGURED_PHONE_ID + " is not configured");
  }

  @Test
  void aMessengerAttachmentKeepsItsPlatformUrl() throws Exception {
    Recipient sam = Recipient.messenger("1000000001", "3100000007");
    InboundEvent event = CustomerEvents.messengerAttachment(sam, "image", "https://cdn.example.invalid/photo.jpg",
        "m_photo_1", rig.clock.instant());
    StoredMessage stored = rig.store.append(NewMessage.inbound(sam, "[image]", event.rawJson(), "m_photo_1",
        rig.clock.instant()));

    assertEquals("https://cdn.example.invalid/photo.jpg", transcriptAttachment(sam, stored.id()).get("url").getAsString());
    assertError(get("/inbox/api/conversations/" + encoded(sam) + "/messages/" + stored.id() + "/attachments/0"), 404,
        "attachment 0 of message " + stored.id() + " came by messenger and is opened at its own url");
  }

  // ---- the customer and the platform ----

  /**
   * The customer sends a {@code type} on WhatsApp with media {@code mediaId}; the platform holds
   * {@code content} for it (null: the id has expired), as the webhook the bot runtime stores.
   */
  private StoredMessage customerSends(Recipient from, String type, String mediaId, String mimeType, byte[] content,
      String caption, String fileName) {
    if (content != null) {
      files.put(mediaId, content);
      types.put(mediaId, mimeType);
    }
    String wamid = "wamid.in." + mediaId;
    InboundEvent event = CustomerEvents.whatsAppMedia(from, type, mediaId, mimeType,
        content == null ? "00" : sha256(content), caption, fileName, wamid, rig.clock.instant());
    return rig.store.append(NewMessage.inbound(from, "[" + type + "]", event.rawJson(), wamid, rig.clock.instant()));
  }

  /** The Graph API's media lookup and the signed download host, as WhatsApp's Cloud API answers them. */
  private final class MediaHost extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.add(request);
      String path = request.getUrl().encodedPath();
      if (path.startsWith("/download/")) {
        byte[] content = files.get(path.substring("/download/".length()));
        return content == null
            ? new MockResponse.Builder().code(404).body("Not Found").build()
            : new MockResponse.Builder().code(200).addHeader("Content-Type", types.get(path.substring(10)))
                .body(new Buffer().write(content)).build();
      }
      String mediaId = path.substring(path.lastIndexOf('/') + 1);
      if (!types.containsKey(mediaId)) {
        return json(400, "{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + mediaId
            + "' does not exist\",\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33,"
            + "\"fbtrace_id\":\"AbCdMedia\"}}");
      }
      JsonObject info = new JsonObject();
      info.addProperty("messaging_product", "whatsapp");
      info.addProperty("url", graph.url("/download/" + mediaId + "?ext=1767225600&hash=" + SIGNATURE).toString());
      info.addProperty("mime_type", types.get(mediaId));
      byte[] content = files.getOrDefault(mediaId, new byte[] {1, 2, 3});
      info.addProperty("sha256", sha256(content));
      info.addProperty("file_size", Integer.toString(content.length));
      info.addProperty("id", mediaId);
      return json(200, info.toString());
    }

    private MockResponse json(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
  }

  // ---- the agent's side ----

  /**
   * Around the API's handler on the real server: runs {@link #afterBodyClosed} when an attachment's
   * body is closed (the bytes are out, the handler has not cleaned up yet), records what escapes the
   * handler, and counts the attachment downloads it finished.
   */
  private final class Watch extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      if (!exchange.getRequestURI().getPath().contains("/attachments/")) {
        chain.doFilter(exchange);
        return;
      }
      exchange.setStreams(null, new FilterOutputStream(exchange.getResponseBody()) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
          super.close();
          Runnable action = afterBodyClosed.getAndSet(null);
          if (action != null) {
            action.run();
          }
        }
      });
      try {
        chain.doFilter(exchange);
      } catch (IOException | RuntimeException | Error e) {
        escaped.add(e);
        throw e;
      } finally {
        downloadsHandled.countDown();
      }
    }

    @Override
    public String description() {
      return "runs a test's action once an answer is sent and records what escapes the handler";
    }
  }

  private JsonObject transcriptAttachment(Recipient conversation, long messageId) throws Exception {
    HttpResponse<byte[]> answer = get("/inbox/api/conversations/" + encoded(conversation) + "/messages?limit=50");
    assertEquals(200, answer.statusCode());
    for (var element : JsonParser.parseString(new String(answer.body(), StandardCharsets.UTF_8)).getAsJsonObject()
        .getAsJsonArray("messages")) {
      JsonObject message = element.getAsJsonObject();
      if (message.get("id").getAsLong() == messageId) {
        return message.getAsJsonArray("attachments").get(0).getAsJsonObject();
      }
    }
    throw new AssertionError("message " + messageId + " is not in the transcript");
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + AGENT_TOKEN)
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertError(HttpResponse<byte[]> answer, int status, String messageStart) {
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    assertEquals(status, answer.statusCode(), body);
    assertEquals("application/json; charset=utf-8", header(answer, "Content-Type"));
    String message = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").get("message")
        .getAsString();
    assertTrue(message.contains(messageStart), "expected '" + messageStart + "' in: " + message);
    assertNull(answer.headers().firstValue("Content-Disposition").orElse(null));
  }

  private List<Path> temporaryFiles() throws IOException {
    try (var files = Files.list(directory)) {
      return files.toList();
    }
  }

  /**
   * Waits until the server deleted every temporary file: it does so after the last byte went out, so a
   * client can read the whole answer a moment before. Fails after 10 s rather than hang.
   */
  private void awaitNoTemporaryFiles() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!temporaryFiles().isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "temporary files left behind: " + temporaryFiles());
      Thread.sleep(10);
    }
  }

  private static byte[] random(int length) {
    byte[] content = new byte[length];
    new Random(7).nextBytes(content);
    return content;
  }

  private static String header(HttpResponse<?> answer, String name) {
    return answer.headers().firstValue(name).orElse(null);
  }

  private static String encoded(Recipient conversation) {
    return URLEncoder.encode(conversation.key(), StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
