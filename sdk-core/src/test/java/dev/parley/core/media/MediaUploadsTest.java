package dev.parley.core.media;

import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.PAGE_ID;
import static dev.parley.core.send.GraphTestServer.PAGE_TOKEN;
import static dev.parley.core.send.GraphTestServer.PHONE_NUMBER_ID;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.parley.core.AuthenticationException;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.RetryPolicy;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.send.GraphTestServer;
import dev.parley.core.send.JsonFixtures;
import dev.parley.core.send.VirtualTime;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media uploads against a MockWebServer playing the Graph API: the multipart form each platform
 * documents, the checks made before any request, the error mapping, retries in virtual time and
 * the token kept out of every message.
 */
class MediaUploadsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  private static final byte[] PDF = "%PDF-1.7 invoice A-1001".getBytes(StandardCharsets.US_ASCII);

  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);
  final GraphRig rig = new GraphRig(server, time);


  private MediaUploads uploads(RetryPolicy policy) {
    return client(policy).mediaUploads();
  }

  private Parley client(RetryPolicy policy) {
    return GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).retryPolicy(policy).build();
  }

  private MediaUploads uploads() {
    return uploads(RetryPolicy.builder().jitter(0).build());
  }

  // ---- the wire shape ----

  @Test
  void messengerUploadPostsTheAttachmentUploadForm() throws Exception {
    server.enqueue(GraphTestServer.json(200, JsonFixtures.load("upload/messenger-answer.json").toString()));
    UploadedMedia photo = uploads().upload(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "image/png", "parcel.png");

    assertEquals(new UploadedMedia(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, "1857777774821032"), photo);
    assertEquals(Media.uploaded(MediaType.IMAGE, "1857777774821032"), photo.toMessage());
    RecordedRequest request = rig.next();
    assertEquals("POST", request.getMethod());
    assertEquals("/v25.0/me/message_attachments", request.getUrl().encodedPath());
    assertEquals("Bearer " + PAGE_TOKEN, request.getHeaders().get("Authorization"));
    assertNull(request.getUrl().queryParameter("access_token"), "the token travels in the header only");
    Map<String, UploadForms.Part> parts = UploadForms.parts(request);
    assertEquals(List.of("message", "filedata"), List.copyOf(parts.keySet()));
    JsonFixtures.assertMatches("upload/messenger-message-part.json", List.of(parts.get("message").text()));
    UploadForms.Part file = parts.get("filedata");
    assertEquals("parcel.png", file.filename());
    assertEquals("image/png", file.contentType());
    assertArrayEquals(PNG, file.bytes());
  }

  @Test
  void messengerFilesAndAudioGoWithTheirAttachmentType() throws Exception {
    server.enqueue(GraphTestServer.json(200, "{\"attachment_id\":\"111\"}"));
    server.enqueue(GraphTestServer.json(200, "{\"attachment_id\":\"222\"}"));
    MediaUploads uploads = uploads();
    uploads.upload(Channel.MESSENGER, PAGE_ID, MediaType.FILE, PDF, "application/pdf", "invoice.pdf");
    uploads.upload(Channel.MESSENGER, PAGE_ID, MediaType.AUDIO, PNG, "audio/mpeg", "jingle.mp3");
    assertEquals("file", JsonParser.parseString(UploadForms.parts(rig.next()).get("message").text()).getAsJsonObject()
        .getAsJsonObject("attachment").get("type").getAsString());
    assertEquals("audio", JsonParser.parseString(UploadForms.parts(rig.next()).get("message").text()).getAsJsonObject()
        .getAsJsonObject("attachment").get("type").getAsString());
  }

  @Test
  void whatsAppUploadPostsTheMediaFormWithTheProof() throws Exception {
    server.enqueue(GraphTestServer.json(200, JsonFixtures.load("upload/whatsapp-answer.json").toString()));
    MediaUploads uploads = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
        .appSecret("appSecretNeverShown42").build().mediaUploads();
    UploadedMedia invoice = uploads.upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, PDF,
        "application/pdf", "invoice-A-1001.pdf");

    assertEquals(new UploadedMedia(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, "4490709327384033"), invoice);
    RecordedRequest request = rig.next();
    assertEquals("/v25.0/" + PHONE_NUMBER_ID + "/media", request.getUrl().encodedPath());
    assertEquals("Bearer " + WHATSAPP_TOKEN, request.getHeaders().get("Authorization"));
    assertNotNull(request.getUrl().queryParameter("appsecret_proof"));
    Map<String, UploadForms.Part> parts = UploadForms.parts(request);
    assertEquals("whatsapp", parts.get("messaging_product").text());
    assertEquals("application/pdf", parts.get("type").text());
    UploadForms.Part file = parts.get("file");
    assertEquals("invoice-A-1001.pdf", file.filename());
    assertEquals("application/pdf", file.contentType());
    assertArrayEquals(PDF, file.bytes());
    assertEquals(3, parts.size(), "no other part: " + parts.keySet());
  }

  @Test
  void aPathIsUploadedUnderItsFileName(@TempDir Path dir) throws Exception {
    Path photo = Files.write(dir.resolve("sofa-front.jpg"), PNG);
    server.enqueue(GraphTestServer.json(200, "{\"id\":\"77\"}"));
    UploadedMedia uploaded = uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, photo, "image/jpeg");
    assertEquals("77", uploaded.id());
    UploadForms.Part file = UploadForms.parts(rig.next()).get("file");
    assertEquals("sofa-front.jpg", file.filename());
    assertArrayEquals(PNG, file.bytes());
  }

  // ---- checks before any request ----

  private InvalidRequestException refused(Channel channel, String businessId, MediaType type, byte[] content,
      String contentType, String filename, String... expected) {
    MediaUploads uploads = uploads();
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> uploads.upload(channel, businessId, type, content, contentType, filename));
    for (String part : expected) {
      assertTrue(error.getMessage().contains(part), "'" + error.getMessage() + "' should contain '" + part + "'");
    }
    CompletableFuture<UploadedMedia> async = uploads.uploadAsync(channel, businessId, type, content, contentType, filename);
    assertTrue(async.isCompletedExceptionally(), "the async variant fails at once too");
    assertEquals(0, server.getRequestCount(), "nothing may reach the platform");
    return error;
  }

  @Test
  void anUnknownAccountIsRefusedNamingIt() {
    refused(Channel.WHATSAPP, "999", MediaType.IMAGE, PNG, "image/png", "a.png",
        "businessId '999'", "no WHATSAPP account", "whatsAppNumber(id, token)");
    refused(Channel.MESSENGER, PHONE_NUMBER_ID, MediaType.IMAGE, PNG, "image/png", "a.png",
        "businessId '" + PHONE_NUMBER_ID + "'", "no MESSENGER account");
  }

  @Test
  void emptyContentIsRefused() {
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, new byte[0], "image/png", "a.png",
        "content is empty (0 bytes)", "5 MB (5,000,000 bytes)");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.FILE, null, "application/pdf", "a.pdf", "content is empty");
  }

  @Test
  void contentOverThePlatformsSizeForTheTypeIsRefused() {
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, new byte[5_000_001], "image/png", "a.png",
        "content is 5,000,001 bytes", "WhatsApp allows 5 MB (5,000,000 bytes) for an image");
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.VIDEO, new byte[16_000_001], "video/mp4", "a.mp4",
        "16,000,001 bytes", "16 MB (16,000,000 bytes) for a video");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.VIDEO, new byte[25_000_001], "video/mp4", "a.mp4",
        "25,000,001 bytes", "Messenger allows 25 MB (25,000,000 bytes)");
  }

  @Test
  void theLimitItselfIsAllowed() throws Exception {
    server.enqueue(GraphTestServer.json(200, "{\"id\":\"5\"}"));
    assertEquals("5", uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, new byte[5_000_000],
        "image/jpeg", "big.jpg").id());
    assertEquals(5_000_000, UploadForms.parts(rig.next()).get("file").bytes().length);
  }

  @Test
  void aFileTooLargeIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.pdf");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(100_000_001L); // sparse: costs no disk and, if the size is checked first, no memory
    }
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, huge, "application/pdf"));
    assertTrue(error.getMessage().contains("100,000,001 bytes; WhatsApp allows 100 MB"), error.getMessage());
    InvalidRequestException missing = assertThrows(InvalidRequestException.class, () -> uploads()
        .upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, dir.resolve("nope.pdf"), "application/pdf"));
    assertTrue(missing.getMessage().contains("nope.pdf") && missing.getMessage().contains("cannot be read"),
        missing.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aMimeTypeTheChannelDoesNotTakeForTheTypeIsRefused() {
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, PNG, "image/gif", "a.gif",
        "contentType 'image/gif'", "for an image on WhatsApp", "image/jpeg, image/png");
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, PDF, "application/zip", "a.zip",
        "'application/zip'", "application/pdf");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.AUDIO, PNG, "application/octet-stream", "a.mp3",
        "contentType 'application/octet-stream'", "audio on Messenger", "audio/*");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "png", "a.png", "contentType 'png'", "not a MIME type");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, null, "a.png", "contentType null");
  }

  @Test
  void parametersOfAMimeTypeAreAllowed() throws Exception {
    server.enqueue(GraphTestServer.json(200, "{\"id\":\"9\"}"));
    uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.AUDIO, PNG, "audio/ogg; codecs=opus", "note.ogg");
    assertEquals("audio/ogg; codecs=opus", UploadForms.parts(rig.next()).get("type").text());
  }

  @Test
  void aBadFilenameIsRefused() {
    String longName = "a".repeat(237) + ".pdf";
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, PDF, "application/pdf", longName,
        "filename", "is 241 characters", "allow 240");
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, PDF, "application/pdf", " ", "filename must not be blank");
    refused(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.FILE, PDF, "application/pdf", "../etc/x.pdf",
        "filename '../etc/x.pdf'", "bare file name");
    refused(Channel.MESSENGER, PAGE_ID, MediaType.FILE, PDF, "application/pdf", "a\r\nX-Evil: 1.pdf",
        "without control characters");
  }

  // ---- platform errors and retries ----

  @Test
  void aRefusalMapsToTheSendPathsExceptionWithCodeSubcodeAndTrace() {
    server.enqueue(GraphTestServer.graphError(400, 100, 2018047, "Upload attachment failure", false));
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> uploads().upload(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "image/png", "a.png"));
    assertEquals(400, error.httpStatus());
    assertEquals(100, error.code());
    assertEquals(2018047, error.subcode());
    assertEquals("AbCdEfGh123", error.traceId());
    assertTrue(error.getMessage().contains("Messenger upload of image 'a.png' to page " + PAGE_ID), error.getMessage());
    assertEquals(1, server.getRequestCount(), "a permanent refusal is not retried");
  }

  @Test
  void aRefusedTokenIsAnAuthenticationFailure() {
    server.enqueue(GraphTestServer.graphError(401, 190, null, "Invalid OAuth access token", false));
    AuthenticationException error = assertThrows(AuthenticationException.class,
        () -> uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, PNG, "image/png", "a.png"));
    assertEquals(190, error.code());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aServerErrorIsRetriedWithTheSameForm() throws Exception {
    server.enqueue(GraphTestServer.json(503, ""));
    server.enqueue(GraphTestServer.json(200, "{\"id\":\"second\"}"));
    UploadedMedia uploaded = rig.driven(uploads().uploadAsync(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, PNG,
        "image/png", "a.png"));
    assertEquals("second", uploaded.id());
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500)), time.delays());
    assertArrayEquals(PNG, UploadForms.parts(rig.next()).get("file").bytes());
    assertArrayEquals(PNG, UploadForms.parts(rig.next()).get("file").bytes());
  }

  @Test
  void throttlingIsRetriedAfterRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
        .body("{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4}}").build());
    server.enqueue(GraphTestServer.json(200, "{\"attachment_id\":\"42\"}"));
    UploadedMedia uploaded = rig.driven(uploads().uploadAsync(Channel.MESSENGER, PAGE_ID, MediaType.FILE, PDF,
        "application/pdf", "a.pdf"));
    assertEquals("42", uploaded.id());
    assertEquals(List.of(Duration.ofSeconds(3)), time.delays());
  }

  @Test
  void retriesStopAtTheRetryPolicysAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(GraphTestServer.graphError(500, 2, null, "Service temporarily unavailable", true));
    }
    MediaUploads uploads = uploads(RetryPolicy.builder().maxAttempts(3).jitter(0).build());
    PlatformUnavailableException error = assertThrows(PlatformUnavailableException.class,
        () -> rig.driven(uploads.uploadAsync(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "image/png", "a.png")));
    assertTrue(error.getMessage().contains("gave up after 3 attempts"), error.getMessage());
    assertEquals(2, error.code());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void noRetryWithTheNoRetryPolicy() {
    server.enqueue(GraphTestServer.json(429, ""));
    RateLimitedException error = assertThrows(RateLimitedException.class, () -> rig.driven(uploads(RetryPolicy.none())
        .uploadAsync(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "image/png", "a.png")));
    assertEquals(429, error.httpStatus());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aLostConnectionIsRetriedThenReportedAsAConnectionFailure() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    }
    MediaUploads uploads = uploads(RetryPolicy.builder().maxAttempts(2).jitter(0).build());
    ConnectionException error = assertThrows(ConnectionException.class,
        () -> rig.driven(uploads.uploadAsync(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, PNG, "image/png", "a.png")));
    assertTrue(error.getMessage().contains("gave up after 2 attempts"), error.getMessage());
    assertFalse(error.getMessage().contains(WHATSAPP_TOKEN));
  }

  @Test
  void anAnswerWithoutAnIdIsAPlatformFailure() {
    server.enqueue(GraphTestServer.json(200, "{\"success\":true}"));
    PlatformUnavailableException error = assertThrows(PlatformUnavailableException.class,
        () -> uploads().upload(Channel.WHATSAPP, PHONE_NUMBER_ID, MediaType.IMAGE, PNG, "image/png", "a.png"));
    assertTrue(error.getMessage().contains("without an id"), error.getMessage());
  }

  // ---- secrets ----

  @Test
  void theTokenNeverReachesMessagesOrToString() {
    server.enqueue(GraphTestServer.graphError(400, 100, null, "Bad token " + PAGE_TOKEN + " in request", false));
    Parley parley = client(RetryPolicy.builder().jitter(0).build());
    MediaUploads uploads = parley.mediaUploads();
    ParleyException error = assertThrows(ParleyException.class,
        () -> uploads.upload(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, PNG, "image/png", "a.png"));
    assertTrue(error.getMessage().contains("[redacted]"), error.getMessage());
    UploadedMedia uploaded = new UploadedMedia(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, "1");
    for (String text : List.of(error.getMessage(), String.valueOf(error), uploads.toString(), uploaded.toString())) {
      assertFalse(text.contains(PAGE_TOKEN), text);
      assertFalse(text.contains(WHATSAPP_TOKEN), text);
    }
    assertInstanceOf(InvalidRequestException.class, error);
  }
}
