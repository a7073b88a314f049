package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Channel;
import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.media.DownloadedMedia;
import dev.parley.core.media.MediaUploads;
import dev.parley.core.media.UploadedMedia;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.UploadedFile;
import dev.parley.testkit.WebhookDelivery;
import dev.parley.testkit.WhatsAppCustomer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parley's uploads and downloads against the sandbox, whose multipart reader, upload rules and media
 * endpoints share no code with Parley's: a file uploaded once is sent by its id on both channels, an
 * id the platform never issued is refused with the platform's code, a customer's photo is downloaded
 * from its webhook attachment, and deleted media is gone.
 */
class MediaUploadSandboxTest {
  private static final String PAGE_ID = "7001";
  private static final String PAGE_TOKEN = "page-token-7001";
  private static final String NUMBER_ID = "7002";
  private static final String WHATSAPP_TOKEN = "wa-token-7002";
  private static final byte[] PDF = "%PDF-1.7 invoice A-1001".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

  private PlatformSandbox sandbox;
  private Parley parley;
  private MessengerCustomer ada;
  private WhatsAppCustomer bob;
  private Recipient adaOnMessenger;
  private Recipient bobOnWhatsApp;

  @BeforeEach
  void start() {
    sandbox = PlatformSandbox.builder().messengerPage(PAGE_ID, PAGE_TOKEN)
        .whatsAppNumber(NUMBER_ID, "15550007002", WHATSAPP_TOKEN).start();
    InMemoryLastInboundTimes windows = new InMemoryLastInboundTimes();
    parley = Parley.builder().graphApiBase(sandbox.graphBaseUrl()).messengerPage(PAGE_ID, PAGE_TOKEN)
        .whatsAppNumber(NUMBER_ID, WHATSAPP_TOKEN).lastInboundTimes(windows).build();
    ada = sandbox.messengerCustomer(PAGE_ID, "psid-ada", "Ada Lovelace");
    bob = sandbox.whatsAppCustomer(NUMBER_ID, "33612345678", "Bob Martin");
    ada.sendText("Can I see the sofa?");
    bob.sendText("Can I have my invoice?");
    adaOnMessenger = Recipient.messenger(PAGE_ID, "psid-ada");
    bobOnWhatsApp = Recipient.whatsApp(NUMBER_ID, "33612345678");
    windows.record(adaOnMessenger, ada.lastMessageAt());
    windows.record(bobOnWhatsApp, bob.lastMessageAt());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void anInvoiceUploadedOnceIsSentByIdOnWhatsApp() {
    MediaUploads uploads = parley.mediaUploads();
    UploadedMedia invoice = uploads.upload(Channel.WHATSAPP, NUMBER_ID, MediaType.FILE, PDF, "application/pdf",
        "invoice-A-1001.pdf");

    parley.send(bobOnWhatsApp, invoice.toMessage().withFilename("invoice-A-1001.pdf").withCaption("Your invoice"));

    UploadedFile received = sandbox.uploadedFiles().get(0);
    assertEquals(invoice.id(), received.id());
    assertEquals("invoice-A-1001.pdf", received.filename());
    assertEquals("application/pdf", received.mimeType());
    assertArrayEquals(PDF, received.content());
    SentMessage sent = bob.receivedMessages().get(0);
    assertEquals("document", sent.kind());
    assertTrue(sent.summary().contains("media " + invoice.id()), sent.summary());
  }

  @Test
  void aPhotoUploadedOnceIsSentByIdOnMessengerTwice() {
    UploadedMedia photo = parley.mediaUploads().upload(Channel.MESSENGER, PAGE_ID, MediaType.IMAGE, JPEG,
        "image/jpeg", "sofa.jpg");

    parley.send(adaOnMessenger, photo.toMessage());
    parley.send(adaOnMessenger, photo.toMessage());

    assertEquals(1, sandbox.uploadedFiles().size());
    assertArrayEquals(JPEG, sandbox.uploadedFiles().get(0).content());
    List<SentMessage> received = ada.receivedMessages();
    assertEquals(2, received.size());
    assertEquals("[image] attachment " + photo.id(), received.get(1).summary());
  }

  @Test
  void anIdThePlatformNeverIssuedIsRefusedWithItsCode() {
    InvalidRequestException refused = assertThrows(InvalidRequestException.class,
        () -> parley.send(bobOnWhatsApp, Media.uploaded(MediaType.IMAGE, "4490709327384033")));
    assertEquals(100, refused.code());
    assertTrue(refused.getMessage().contains("media attachment ID"), refused.getMessage());
    assertTrue(bob.receivedMessages().isEmpty());
  }

  @Test
  void aPhotoACustomerSentIsDownloadedFromItsWebhookAttachment() {
    WebhookDelivery delivery = bob.sendImage(JPEG, "image/jpeg", "the dent on the lid");
    MessageReceived received = (MessageReceived) InboundEvent.fromRawJson(delivery.body());
    Attachment photo = received.attachments().get(0);
    assertEquals("the dent on the lid", photo.caption());

    DownloadedMedia downloaded = parley.mediaDownloads().download(received.from(), photo);

    assertArrayEquals(JPEG, downloaded.content());
    assertEquals("image/jpeg", downloaded.mimeType());
    assertEquals(photo.mediaId(), downloaded.mediaId());
  }

  @Test
  void aDeletedUploadCanNoLongerBeSentNorDownloaded() {
    UploadedMedia invoice = parley.mediaUploads().upload(Channel.WHATSAPP, NUMBER_ID, MediaType.FILE, PDF,
        "application/pdf", "invoice-A-1001.pdf");
    assertArrayEquals(PDF, parley.mediaDownloads().download(NUMBER_ID, invoice.id()).content());

    parley.mediaDownloads().delete(NUMBER_ID, invoice.id());

    ParleyException gone = assertThrows(ParleyException.class,
        () -> parley.mediaDownloads().download(NUMBER_ID, invoice.id()));
    assertEquals(100, gone.code());
    assertThrows(InvalidRequestException.class, () -> parley.send(bobOnWhatsApp, invoice.toMessage()));
  }
}
