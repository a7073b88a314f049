package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WhatsApp media by id, as the Cloud API serves it: a customer's photo or document arrives in the
 * webhook as an id with its MIME type and SHA-256; {@code GET /{media-id}} gives a URL that lasts five
 * minutes, which answers the bytes to the number's token; {@code DELETE /{media-id}} removes it.
 */
class MediaDownloadApiTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
  private static final byte[] PDF = "%PDF-1.7 delivery note".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final WhatsAppCustomer bob = f.bob();

  /** The media object of the only message of a delivered WhatsApp webhook. */
  private static JsonObject media(WebhookDelivery delivery, String type) {
    JsonObject message = JsonParser.parseString(delivery.body()).getAsJsonObject().getAsJsonArray("entry").get(0)
        .getAsJsonObject().getAsJsonArray("changes").get(0).getAsJsonObject().getAsJsonObject("value")
        .getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals(type, message.get("type").getAsString());
    return message.getAsJsonObject(type);
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** GET of an absolute URL, with a bearer token or none: status and bytes. */
  private Object[] fetch(String url, String token) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = f.http.newCall(request.build()).execute()) {
      return new Object[] {response.code(), response.body().bytes(), response.header("Content-Type")};
    }
  }

  @Test
  void aCustomersPhotoIsAnIdInTheWebhookAndItsBytesAtTheUrlTheLookupGives() throws Exception {
    JsonObject image = media(bob.sendImage(JPEG, "image/jpeg", "the dent on the lid"), "image");
    assertEquals("the dent on the lid", image.get("caption").getAsString());
    assertEquals("image/jpeg", image.get("mime_type").getAsString());
    assertEquals(sha256(JPEG), image.get("sha256").getAsString());
    String id = image.get("id").getAsString();

    SandboxFixture.Answer lookup = f.get("/v25.0/" + id + "?phone_number_id=" + SandboxFixture.NUMBER_ID,
        SandboxFixture.WA_TOKEN);
    assertEquals(200, lookup.status());
    JsonObject info = lookup.json();
    assertEquals("whatsapp", info.get("messaging_product").getAsString());
    assertEquals(id, info.get("id").getAsString());
    assertEquals("image/jpeg", info.get("mime_type").getAsString());
    assertEquals(sha256(JPEG), info.get("sha256").getAsString());
    assertEquals(String.valueOf(JPEG.length), info.get("file_size").getAsString(), "a string, as the platform sends it");

    Object[] file = fetch(info.get("url").getAsString(), SandboxFixture.WA_TOKEN);
    assertEquals(200, file[0]);
    assertEquals(HexFormat.of().formatHex(JPEG), HexFormat.of().formatHex((byte[]) file[1]));
    assertEquals("image/jpeg", file[2]);
  }

  @Test
  void theUrlNeedsTheNumbersTokenAndLastsFiveMinutes() throws Exception {
    String id = media(bob.sendDocument(PDF, "application/pdf", "delivery-note.pdf", null), "document")
        .get("id").getAsString();
    String url = f.get("/v25.0/" + id, SandboxFixture.WA_TOKEN).json().get("url").getAsString();

    assertEquals(401, fetch(url, null)[0]);
    assertEquals(401, fetch(url, SandboxFixture.PAGE_TOKEN)[0]);
    assertEquals(404, fetch(url.replace("mid=" + id, "mid=1" + id), SandboxFixture.WA_TOKEN)[0], "a forged URL");
    assertEquals(404, fetch(url.replaceAll("ext=(\\d+)", "ext=9$1"), SandboxFixture.WA_TOKEN)[0],
        "an extended URL");
    f.sandbox.advanceClock(Duration.ofMinutes(5));
    assertEquals(200, fetch(url, SandboxFixture.WA_TOKEN)[0], "still valid at five minutes");
    f.sandbox.advanceClock(Duration.ofSeconds(1));
    assertEquals(404, fetch(url, SandboxFixture.WA_TOKEN)[0], "expired after five minutes");
    assertEquals(200, f.get("/v25.0/" + id, SandboxFixture.WA_TOKEN).status(), "a new lookup gives a new URL");
  }

  @Test
  void anotherAccountsTokenOrNumberIsRefused() {
    String id = media(bob.sendImage(JPEG, "image/png", null), "image").get("id").getAsString();

    SandboxFixture.Answer otherToken = f.get("/v25.0/" + id, SandboxFixture.PAGE_TOKEN);
    assertEquals(401, otherToken.status());
    assertEquals(190, otherToken.code());
    SandboxFixture.Answer otherNumber = f.get("/v25.0/" + id + "?phone_number_id=9009", SandboxFixture.WA_TOKEN);
    assertEquals(400, otherNumber.status());
    assertEquals(131009, otherNumber.code());
    assertTrue(otherNumber.error().getAsJsonObject("error_data").get("details").getAsString()
        .contains("does not belong to phone_number_id 9009"), otherNumber.body());
  }

  @Test
  void aDeletedFileIsGoneAndItsUrlWithIt() throws Exception {
    String id = media(bob.sendImage(JPEG, "image/jpeg", null), "image").get("id").getAsString();
    String url = f.get("/v25.0/" + id, SandboxFixture.WA_TOKEN).json().get("url").getAsString();

    SandboxFixture.Answer deleted = f.call(new Request.Builder()
        .url(f.sandbox.graphBaseUrl() + "/v25.0/" + id + "?phone_number_id=" + SandboxFixture.NUMBER_ID)
        .header("Authorization", "Bearer " + SandboxFixture.WA_TOKEN).delete().build());
    assertEquals(200, deleted.status());
    assertTrue(deleted.json().get("success").getAsBoolean());

    assertEquals(404, fetch(url, SandboxFixture.WA_TOKEN)[0]);
    SandboxFixture.Answer again = f.get("/v25.0/" + id, SandboxFixture.WA_TOKEN);
    assertEquals(400, again.status());
    assertEquals(100, again.code());
    SandboxFixture.Answer deleteAgain = f.call(new Request.Builder().url(f.sandbox.graphBaseUrl() + "/v25.0/" + id)
        .header("Authorization", "Bearer " + SandboxFixture.WA_TOKEN).delete().build());
    assertEquals(400, deleteAgain.status());
    assertEquals(33, deleteAgain.subcode());
  }

  @Test
  void anUploadedFileCanBeLookedUpToo() throws Exception {
    okhttp3.MultipartBody form = new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM)
        .addFormDataPart("messaging_product", "whatsapp")
        .addFormDataPart("file", "note.pdf", okhttp3.RequestBody.create(PDF, okhttp3.MediaType.get("application/pdf")))
        .addFormDataPart("type", "application/pdf").build();
    String id = f.call(new Request.Builder().url(f.sandbox.graphBaseUrl() + "/v25.0/" + SandboxFixture.NUMBER_ID
        + "/media").header("Authorization", "Bearer " + SandboxFixture.WA_TOKEN).post(form).build()).json()
        .get("id").getAsString();

    JsonObject info = f.get("/v25.0/" + id, SandboxFixture.WA_TOKEN).json();
    assertEquals(sha256(PDF), info.get("sha256").getAsString());
    assertEquals("application/pdf", fetch(info.get("url").getAsString(), SandboxFixture.WA_TOKEN)[2]);
  }

  @Test
  void theCustomerCannotSendWhatWhatsAppWouldRefuse() {
    assertThrows(IllegalArgumentException.class, () -> bob.sendImage(JPEG, "image/gif", null));
    assertThrows(IllegalArgumentException.class, () -> bob.sendImage(new byte[0], "image/jpeg", null));
    assertThrows(IllegalArgumentException.class, () -> bob.sendImage(new byte[5_000_001], "image/jpeg", null));
    assertThrows(IllegalArgumentException.class, () -> bob.sendDocument(PDF, "image/jpeg", "a.pdf", null));
    assertThrows(IllegalArgumentException.class, () -> bob.sendDocument(PDF, "application/pdf", " ", null));
  }
}
