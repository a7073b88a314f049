package dev.parley.core.media;

import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.PHONE_NUMBER_ID;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.AuthenticationException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.send.GraphTestServer;
import dev.parley.core.send.VirtualTime;
import dev.parley.core.webhook.Attachment;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp media downloads and deletes against a MockWebServer playing the Graph API and its download
 * host: the lookup, then the fetch of the URL it gives, both with the bearer token; the size limit
 * before and while fetching; the SHA-256 check; the checks made before any request; error mapping,
 * retries in virtual time and the token kept out of every message.
 */
class MediaDownloadsTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
      1, 1, 0, (byte) 0xFF, (byte) 0xD9};
  private static final String MEDIA_ID = "1037543291543636";
  private static final String PATH = "/whatsapp_business/attachments/";

  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);
  final GraphRig rig = new GraphRig(server, time);


  private MediaDownloads downloads(RetryPolicy policy) {
    return GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).retryPolicy(policy).build()
        .mediaDownloads();
  }

  private MediaDownloads downloads() {
    return downloads(RetryPolicy.builder().jitter(0).build());
  }

  /** The Graph API's answer about {@link #MEDIA_ID}: {@code file_size} a string, as the platform sends it. */
  private MockResponse info(byte[] content, String sha256) {
    return GraphTestServer.json(200, "{\"messaging_product\":\"whatsapp\",\"url\":\""
        + server.url(PATH + "?mid=" + MEDIA_ID + "&ext=1767225600&hash=ARk3") + "\",\"mime_type\":\"image/jpeg\","
        + "\"sha256\":\"" + sha256 + "\",\"file_size\":\"" + content.length + "\",\"id\":\"" + MEDIA_ID + "\"}");
  }

  private static MockResponse file(byte[] content) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/jpeg").body(new Buffer().write(content))
        .build();
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  // ---- the wire shape ----

  @Test
  void aDownloadLooksTheMediaUpThenFetchesItsUrlWithTheBearerToken() throws Exception {
    server.enqueue(info(JPEG, sha256(JPEG)));
    server.enqueue(file(JPEG));

    DownloadedMedia photo = downloads().download(PHONE_NUMBER_ID, MEDIA_ID);

    assertArrayEquals(JPEG, photo.content());
    assertEquals(MEDIA_ID, photo.mediaId());
    assertEquals("image/jpeg", photo.mimeType());
    assertEquals(sha256(JPEG), photo.sha256());
    RecordedRequest lookup = rig.next();
    assertEquals("GET", lookup.getMethod());
    assertEquals("/v25.0/" + MEDIA_ID, lookup.getUrl().encodedPath());
    assertEquals(PHONE_NUMBER_ID, lookup.getUrl().queryParameter("phone_number_id"));
    assertEquals("Bearer " + WHATSAPP_TOKEN, lookup.getHeaders().get("Authorization"));
    assertNull(lookup.getUrl().queryParameter("access_token"), "the token travels in the header only");
    RecordedRequest fetch = rig.next();
    assertEquals("GET", fetch.getMethod());
    assertEquals(PATH, fetch.getUrl().encodedPath());
    assertEquals("ARk3", fetch.getUrl().queryParameter("hash"), "the URL is fetched as given");
    assertEquals("Bearer " + WHATSAPP_TOKEN, fetch.getHeaders().get("Authorization"));
  }

  @Test
  void anAttachmentOfAWhatsAppMessageIsDownloadedByItsMediaId() throws Exception {
    server.enqueue(info(JPEG, sha256(JPEG).toUpperCase()));
    server.enqueue(file(JPEG));
    Attachment attachment = new Attachment("image", null, MEDIA_ID, "image/jpeg", "the dent", null,
        "{\"id\":\"" + MEDIA_ID + "\"}");

    DownloadedMedia photo = downloads().download(GraphTestServer.WHATSAPP_CUSTOMER, attachment);

    assertArrayEquals(JPEG, photo.content());
    assertEquals(sha256(JPEG), photo.sha256(), "the hash is given in lowercase, whatever case the platform used");
    assertEquals("/v25.0/" + MEDIA_ID, rig.next().getUrl().encodedPath());
  }

  @Test
  void aDeleteSendsDeleteAndNeedsTheConfirmation() throws Exception {
    server.enqueue(GraphTestServer.json(200, "{\"success\":true}"));
    server.enqueue(GraphTestServer.json(200, "{\"success\":false}"));
    MediaDownloads downloads = downloads();

    downloads.delete(PHONE_NUMBER_ID, MEDIA_ID);
    PlatformUnavailableException unconfirmed = assertThrows(PlatformUnavailableException.class,
        () -> downloads.delete(PHONE_NUMBER_ID, MEDIA_ID));

    RecordedRequest delete = rig.next();
    assertEquals("DELETE", delete.getMethod());
    assertEquals("/v25.0/" + MEDIA_ID, delete.getUrl().encodedPath());
    assertEquals(PHONE_NUMBER_ID, delete.getUrl().queryParameter("phone_number_id"));
    assertEquals("Bearer " + WHATSAPP_TOKEN, delete.getHeaders().get("Authorization"));
    assertTrue(unconfirmed.getMessage().contains("did not confirm the delete"), unconfirmed.getMessage());
  }

  // ---- what is refused ----

  @Test
  void contentThatDoesNotMatchItsSha256IsRefused() throws Exception {
    server.enqueue(info(JPEG, sha256(new byte[] {1, 2, 3})));
    server.enqueue(file(JPEG));
    PlatformUnavailableException error = assertThrows(PlatformUnavailableException.class,
        () -> downloads().download(PHONE_NUMBER_ID, MEDIA_ID));
    assertTrue(error.getMessage().contains("16 bytes received have SHA-256 " + sha256(JPEG)), error.getMessage());
  }

  @Test
  void aFileTheGraphApiSaysIsTooLargeIsNotFetched() throws Exception {
    server.enqueue(info(new byte[2_000], sha256(JPEG)));
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> rig.driven(downloads().downloadAsync(PHONE_NUMBER_ID, MEDIA_ID, 1_000)));
    assertEquals("WhatsApp media " + MEDIA_ID + " has 2000 bytes, over the download limit maxBytes=1000",
        error.getMessage());
    assertEquals(1, server.getRequestCount(), "the file itself was not fetched");
  }

  @Test
  void aFileLargerThanTheGraphApiSaidIsCutOffAtTheLimit() throws Exception {
    byte[] large = new byte[5_000];
    server.enqueue(info(JPEG, sha256(large)));
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(large), 512).build());
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> rig.driven(downloads().downloadAsync(PHONE_NUMBER_ID, MEDIA_ID, 1_000)));
    assertTrue(error.getMessage().contains("more than 1000 bytes, over the download limit maxBytes=1000"),
        error.getMessage());
  }

  @Test
  void anAnswerWithoutAUrlIsAPlatformFailure() {
    server.enqueue(GraphTestServer.json(200, "{\"id\":\"" + MEDIA_ID + "\",\"note\":\"" + WHATSAPP_TOKEN + "\"}"));
    PlatformUnavailableException error = assertThrows(PlatformUnavailableException.class,
        () -> downloads().download(PHONE_NUMBER_ID, MEDIA_ID));
    assertTrue(error.getMessage().contains("without a url, sha256 and file_size"), error.getMessage());
    assertFalse(error.getMessage().contains(WHATSAPP_TOKEN), "the token is redacted: " + error.getMessage());
  }

  private void refused(CompletableFuture<?> attempt, String... expected) {
    assertTrue(attempt.isCompletedExceptionally(), "fails at once");
    ExecutionException failure = assertThrows(ExecutionException.class, attempt::get);
    assertTrue(failure.getCause() instanceof InvalidRequestException, String.valueOf(failure.getCause()));
    for (String part : expected) {
      assertTrue(failure.getCause().getMessage().contains(part),
          "'" + failure.getCause().getMessage() + "' should contain '" + part + "'");
    }
    assertEquals(0, server.getRequestCount(), "nothing may reach the platform");
  }

  @Test
  void badArgumentsAreRefusedByNameBeforeAnyRequest() {
    MediaDownloads downloads = downloads();
    refused(downloads.downloadAsync("999", MEDIA_ID), "phoneNumberId '999'", "whatsAppNumber(id, token)");
    refused(downloads.downloadAsync(PHONE_NUMBER_ID, "../me/messages"), "mediaId '../me/messages'", "1 to 100");
    refused(downloads.downloadAsync(PHONE_NUMBER_ID, ""), "mediaId ''");
    refused(downloads.downloadAsync(PHONE_NUMBER_ID, MEDIA_ID, 0), "maxBytes 0 must be from 1 to 100000000");
    refused(downloads.downloadAsync(PHONE_NUMBER_ID, MEDIA_ID, 100_000_001), "maxBytes 100000001");
    refused(downloads.deleteAsync(PHONE_NUMBER_ID, null), "media delete mediaId null");
    refused(downloads.downloadAsync(Recipient.messenger("1", "2"), new Attachment("image", "https://cdn/x.jpg", null,
        null, null, null, "{}")), "is on MESSENGER", "come with a url");
    refused(downloads.downloadAsync(GraphTestServer.WHATSAPP_CUSTOMER, new Attachment("location", null, null, null,
        null, null, "{}")), "the location attachment has no mediaId");
  }

  // ---- platform errors and retries ----

  @Test
  void aRefusedTokenIsAnAuthenticationFailureWithoutTheToken() {
    server.enqueue(GraphTestServer.graphError(401, 190, null, "Invalid OAuth access token " + WHATSAPP_TOKEN, false));
    AuthenticationException error = assertThrows(AuthenticationException.class,
        () -> downloads().download(PHONE_NUMBER_ID, MEDIA_ID));
    assertEquals(190, error.code());
    assertFalse(error.getMessage().contains(WHATSAPP_TOKEN), error.getMessage());
    assertTrue(error.getMessage().contains("WhatsApp lookup of media " + MEDIA_ID), error.getMessage());
    assertFalse(downloads().toString().contains(WHATSAPP_TOKEN));
  }

  @Test
  void aServerErrorOnEitherCallIsRetried() throws Exception {
    server.enqueue(GraphTestServer.json(503, ""));
    server.enqueue(info(JPEG, sha256(JPEG)));
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(file(JPEG));

    DownloadedMedia photo = rig.driven(downloads().downloadAsync(PHONE_NUMBER_ID, MEDIA_ID));

    assertArrayEquals(JPEG, photo.content());
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), time.delays());
  }

  @Test
  void aPermanentRefusalIsNotRetried() {
    server.enqueue(GraphTestServer.graphError(400, 100, 33, "Unsupported get request. Object with ID '"
        + MEDIA_ID + "' does not exist", false));
    ParleyException error = assertThrows(ParleyException.class, () -> downloads().download(PHONE_NUMBER_ID, MEDIA_ID));
    assertEquals(100, error.code());
    assertEquals(1, server.getRequestCount());
  }
}
