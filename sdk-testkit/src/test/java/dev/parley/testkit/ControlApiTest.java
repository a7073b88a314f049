package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A standalone sandbox can be driven over HTTP and describes itself without leaking secrets. */
class ControlApiTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();

  @Test
  void customersArePlayedOverHttpAndControlCallsAreNotRecorded() {
    SandboxFixture.Answer played = f.postJson("/_sandbox/messenger/1001/psid-eve", """
        {"name":"Eve Curie","text":"Bonjour"}""", null);

    assertEquals(200, played.status(), played.body());
    assertEquals("answered", played.json().getAsJsonArray("deliveries").get(0).getAsJsonObject().get("state")
        .getAsString());
    JsonObject webhook = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();
    assertEquals("page", webhook.get("object").getAsString());
    assertTrue(f.sandbox.requests().isEmpty(), "control calls are not platform requests");
    assertEquals(200, f.messenger(SandboxFixture.text("psid-eve", "RESPONSE", "Bonjour Eve")).status());
    JsonObject listed = f.get("/_sandbox/messages", null).json().getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals("Bonjour Eve", listed.get("summary").getAsString());
  }

  @Test
  void tapsOfChoicesNeverOfferedAreAConflict() {
    f.postJson("/_sandbox/whatsapp/2002/33612345678", "{\"text\":\"Hi\"}", null);

    SandboxFixture.Answer tap = f.postJson("/_sandbox/whatsapp/2002/33612345678", "{\"button\":\"Yes\"}", null);

    assertEquals(409, tap.status());
    assertTrue(tap.json().get("error").getAsString().contains("no button titled 'Yes'"));
  }

  @Test
  void checkoutAndClockCanBeDrivenOverHttp() {
    String id = f.createSession(null).get("id").getAsString();

    assertEquals(200, f.postJson("/_sandbox/checkout/" + id + "/pay", "", null).status());
    SandboxFixture.Answer clock = f.postJson("/_sandbox/clock", "{\"advance_seconds\":3600}", null);

    assertEquals("paid", f.sandbox.stripe().checkoutSession(id).paymentStatus());
    assertEquals(SandboxFixture.START.plusSeconds(3600).toString(), clock.json().get("now").getAsString());
  }

  @Test
  void summaryNamesAccountsButNoSecrets() {
    String summary = f.sandbox.summary();

    assertTrue(summary.contains("Messenger page 1001"), summary);
    assertTrue(summary.contains("WhatsApp template order_shipped [en_US, UTILITY]"), summary);
    assertFalse(summary.contains(SandboxFixture.PAGE_TOKEN));
    assertFalse(summary.contains(SandboxFixture.APP_SECRET));
    assertFalse(summary.contains(SandboxFixture.STRIPE_KEY));
  }
}
