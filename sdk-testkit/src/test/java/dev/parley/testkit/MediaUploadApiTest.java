package dev.parley.testkit;

import static dev.parley.testkit.SandboxFixture.BOB_WA_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upload endpoints take the forms Meta documents (Messenger's Attachment Upload API, WhatsApp's
 * /media), refuse bad ones with the platform's errors, and a send by the id they answered reaches the
 * customer, while an id they never issued is refused.
 */
class MediaUploadApiTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
  private static final byte[] PDF = "%PDF-1.7 invoice A-1001".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final MessengerCustomer ada = f.ada();
  private final WhatsAppCustomer bob = f.bob();

  // ---- requests as the platforms' docs show them ----

  private SandboxFixture.Answer messengerUpload(String token, String message, String filedataType, byte[] content) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    if (message != null) {
      form.addFormDataPart("message", message);
    }
    if (content != null) {
      form.addFormDataPart("filedata", "upload.bin", RequestBody.create(content, MediaType.get(filedataType)));
    }
    return f.call(new Request.Builder().url(f.sandbox.graphBaseUrl() + "/v25.0/me/message_attachments")
        .header("Authorization", "Bearer " + token).post(form.build()).build());
  }

  private SandboxFixture.Answer messengerUpload(String type, String contentType, byte[] content) {
    return messengerUpload(SandboxFixture.PAGE_TOKEN, attachment(type), contentType, content);
  }

  private static String attachment(String type) {
    return "{\"attachment\":{\"type\":\"" + type + "\",\"payload\":{\"is_reusable\":true}}}";
  }

  private SandboxFixture.Answer whatsAppUpload(String product, String fileType, byte[] content, String type) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    if (product != null) {
      form.addFormDataPart("messaging_product", product);
    }
    if (content != null) {
      form.addFormDataPart("file", "upload.bin", RequestBody.create(content, MediaType.get(fileType)));
    }
    if (type != null) {
      form.addFormDataPart("type", type);
    }
    return f.call(new Request.Builder().url(f.sandbox.graphBaseUrl() + "/v25.0/" + SandboxFixture.NUMBER_ID + "/media")
        .header("Authorization", "Bearer " + SandboxFixture.WA_TOKEN).post(form.build()).build());
  }

  private SandboxFixture.Answer whatsAppUpload(String fileType, byte[] content) {
    return whatsAppUpload("whatsapp", fileType, content, fileType);
  }

  private static String messengerById(String type, String attachmentId, String messagingType, String tag) {
    return "{\"recipient\":{\"id\":\"psid-ada\"},\"messaging_type\":\"" + messagingType + "\""
        + (tag == null ? "" : ",\"tag\":\"" + tag + "\"")
        + ",\"message\":{\"attachment\":{\"type\":\"" + type + "\",\"payload\":{\"attachment_id\":\"" + attachmentId
        + "\"}}}}";
  }

  private static String whatsAppById(String type, String id) {
    return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + BOB_WA_ID + "\",\"type\":\"" + type + "\",\"" + type
        + "\":{\"id\":\"" + id + "\"}}";
  }

  private static String details(SandboxFixture.Answer answer) {
    return answer.error().getAsJsonObject("error_data").get("details").getAsString();
  }

  // ---- Messenger ----

  @Test
  void messengerUploadThenSendByAttachmentIdReachesTheCustomer() {
    ada.sendText("Can I see the sofa?");
    SandboxFixture.Answer upload = messengerUpload("image", "image/jpeg", JPEG);
    assertEquals(200, upload.status(), upload.body());
    String attachmentId = upload.json().get("attachment_id").getAsString();
    assertTrue(attachmentId.matches("[1-9][0-9]{15}"), attachmentId);

    SandboxFixture.Answer sent = f.messenger(messengerById("image", attachmentId, "RESPONSE", null));
    assertEquals(200, sent.status(), sent.body());
    assertEquals("[image] attachment " + attachmentId, ada.receivedMessages().get(0).summary());
    UploadedFile file = f.sandbox.uploadedFiles().get(0);
    assertEquals(SandboxFixture.PAGE_ID, file.businessId());
    assertEquals("image/jpeg", file.mimeType());
    assertArrayEquals(JPEG, file.content());
  }

  @Test
  void anAttachmentIdTheSandboxNeverIssuedIsRefused() {
    ada.sendText("Hello");
    SandboxFixture.Answer answer = f.messenger(messengerById("image", "1857777774821032", "RESPONSE", null));
    assertEquals(400, answer.status());
    assertEquals(100, answer.code());
    assertTrue(answer.error().get("message").getAsString().contains("Invalid attachment_id '1857777774821032'"),
        answer.body());
    assertTrue(ada.receivedMessages().isEmpty());
  }

  @Test
  void anAttachmentIdIsPrivateToThePageThatUploadedIt() {
    f.sandbox.addMessengerPage("1003", "page-token-1003");
    ada.sendText("Hello");
    String otherPagesId = messengerUpload("page-token-1003", attachment("image"), "image/jpeg", JPEG)
        .json().get("attachment_id").getAsString();
    assertEquals(100, f.messenger(messengerById("image", otherPagesId, "RESPONSE", null)).code());
  }

  @Test
  void anAttachmentIdExpiresAfter90Days() {
    String id = messengerUpload("file", "application/pdf", PDF).json().get("attachment_id").getAsString();
    f.sandbox.advanceClock(Duration.ofDays(89));
    assertEquals(200, f.messenger(messengerById("file", id, "MESSAGE_TAG", "POST_PURCHASE_UPDATE")).status());
    f.sandbox.advanceClock(Duration.ofDays(2));
    SandboxFixture.Answer expired = f.messenger(messengerById("file", id, "MESSAGE_TAG", "POST_PURCHASE_UPDATE"));
    assertEquals(400, expired.status());
    assertTrue(expired.body().contains("expire 90 days"), expired.body());
  }

  @Test
  void anAttachmentIsSentAsTheTypeItWasUploadedAs() {
    ada.sendText("Hello");
    String id = messengerUpload("file", "application/pdf", PDF).json().get("attachment_id").getAsString();
    SandboxFixture.Answer answer = f.messenger(messengerById("image", id, "RESPONSE", null));
    assertEquals(100, answer.code());
    assertTrue(answer.body().contains("uploaded as file, not image"), answer.body());
  }

  @Test
  void messengerUploadFormsAreCheckedLikeThePlatform() {
    SandboxFixture.Answer noFile = messengerUpload(SandboxFixture.PAGE_TOKEN, attachment("image"), null, null);
    assertEquals(100, noFile.code());
    assertTrue(noFile.body().contains("filedata"), noFile.body());

    SandboxFixture.Answer noMessage = messengerUpload(SandboxFixture.PAGE_TOKEN, null, "image/jpeg", JPEG);
    assertEquals(100, noMessage.code());
    assertTrue(noMessage.body().contains("The parameter message is required"), noMessage.body());

    SandboxFixture.Answer badType = messengerUpload("sticker", "image/jpeg", JPEG);
    assertEquals(100, badType.code());

    SandboxFixture.Answer audio = messengerUpload("audio", "application/octet-stream", JPEG);
    assertEquals(2018047, audio.subcode());
    assertTrue(audio.body().contains("audio/*"), audio.body());

    SandboxFixture.Answer tooLarge = messengerUpload("video", "video/mp4", new byte[25_000_001]);
    assertEquals(400, tooLarge.status());
    assertEquals(2018047, tooLarge.subcode());
    assertTrue(tooLarge.body().contains("25,000,001 bytes; attachments are limited to 25 MB"), tooLarge.body());

    SandboxFixture.Answer wrongToken = messengerUpload("not-a-token", attachment("image"), "image/jpeg", JPEG);
    assertEquals(190, wrongToken.code());
    assertTrue(f.sandbox.uploadedFiles().isEmpty());
  }

  // ---- WhatsApp ----

  @Test
  void whatsAppUploadThenSendByMediaIdReachesTheCustomer() {
    bob.sendText("Can I have my invoice?");
    SandboxFixture.Answer upload = whatsAppUpload("application/pdf", PDF);
    assertEquals(200, upload.status(), upload.body());
    String id = upload.json().get("id").getAsString();

    SandboxFixture.Answer sent = f.whatsApp(whatsAppById("document", id));
    assertEquals(200, sent.status(), sent.body());
    assertEquals("[document] media " + id, bob.receivedMessages().get(0).summary());
    UploadedFile file = f.sandbox.uploadedFiles().get(0);
    assertEquals("document", file.kind());
    assertArrayEquals(PDF, file.content());
  }

  @Test
  void aMediaIdTheSandboxNeverIssuedIsRefused() {
    bob.sendText("Hi");
    SandboxFixture.Answer answer = f.whatsApp(whatsAppById("image", "4490709327384033"));
    assertEquals(400, answer.status());
    assertEquals(100, answer.code());
    assertTrue(details(answer).contains("is not a valid whatsapp business account media attachment ID"), answer.body());
    assertTrue(bob.receivedMessages().isEmpty());
  }

  @Test
  void aMediaIdIsSentAsTheKindItsMimeTypeAllows() {
    bob.sendText("Hi");
    String id = whatsAppUpload("application/pdf", PDF).json().get("id").getAsString();
    SandboxFixture.Answer answer = f.whatsApp(whatsAppById("image", id));
    assertEquals(100, answer.code());
    assertTrue(details(answer).contains("sent as document, not image"), answer.body());
  }

  @Test
  void whatsAppUploadFormsAreCheckedLikeThePlatform() {
    SandboxFixture.Answer gif = whatsAppUpload("image/gif", JPEG);
    assertEquals(100, gif.code());
    assertTrue(details(gif).contains("Received file of type 'image/gif'"), gif.body());

    SandboxFixture.Answer tooLarge = whatsAppUpload("image/png", new byte[5_000_001]);
    assertEquals(131053, tooLarge.code());
    assertTrue(details(tooLarge).contains("5,000,001 bytes"), tooLarge.body());
    assertEquals(200, whatsAppUpload("image/png", new byte[5_000_000]).status());

    assertEquals(131008, whatsAppUpload("whatsapp", "image/png", null, "image/png").code());
    SandboxFixture.Answer noType = whatsAppUpload("whatsapp", "image/png", JPEG, null);
    assertEquals(131008, noType.code());
    assertTrue(details(noType).contains("type"), noType.body());
    SandboxFixture.Answer noProduct = whatsAppUpload(null, "image/png", JPEG, "image/png");
    assertTrue(details(noProduct).contains("messaging_product is required"), noProduct.body());
    assertEquals(131009, whatsAppUpload("whatsapp", "image/png", JPEG, "image/jpeg").code());
    assertEquals(1, f.sandbox.uploadedFiles().size());
  }

  @Test
  void aJsonBodyOnAnUploadEdgeIsRefusedWithAClearMessage() {
    SandboxFixture.Answer answer = f.postJson("/v25.0/me/message_attachments",
        "{\"message\":{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":\"https://shop.example/a.jpg\"}}}}",
        SandboxFixture.PAGE_TOKEN);
    assertEquals(100, answer.code());
    assertTrue(answer.body().contains("multipart/form-data"), answer.body());
    JsonObject notAForm = f.postJson("/v25.0/" + SandboxFixture.NUMBER_ID + "/media", "{}", SandboxFixture.WA_TOKEN)
        .error();
    assertEquals(131009, notAForm.get("code").getAsInt());
    assertEquals(List.of(), f.sandbox.uploadedFiles());
  }
}
