package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.core.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example concierge bot on the server, in English and French, against a Graph API on MockWebServer. */
class ExampleBotTest {
  private static final String PAGE = "1000000001";
  private static final String SECRET = "example-app-secret";
  @TempDir
  Path data;
  private final MockWebServer graph = new MockWebServer();
  private final List<String> texts = new ArrayList<>();
  private final List<List<String>> quickReplies = new ArrayList<>();
  private BotService service;
  private long mids = System.nanoTime();

  @BeforeEach
  void start() throws Exception {
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
        if (body.has("message")) {
          JsonObject message = body.getAsJsonObject("message");
          synchronized (texts) {
            texts.add(message.has("text") ? message.get("text").getAsString() : message.toString());
            List<String> titles = new ArrayList<>();
            if (message.has("quick_replies")) {
              message.getAsJsonArray("quick_replies").forEach(q -> titles.add(q.getAsJsonObject().get("title").getAsString()));
            }
            quickReplies.add(titles);
            texts.notifyAll();
          }
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body("{\"recipient_id\":\"1\",\"message_id\":\"mid." + System.nanoTime() + "\"}").build();
      }
    });
    graph.start();
    String base = graph.url("/").toString();
    ServerConfig config = ServerConfig.fromEnvironment(Map.of("PARLEY_PORT", "0", "PARLEY_APP_SECRET", SECRET,
        "PARLEY_VERIFY_TOKEN", "verify", "PARLEY_MESSENGER_PAGE_ID", PAGE, "PARLEY_MESSENGER_PAGE_TOKEN", "EAAGtoken",
        "PARLEY_GRAPH_API_BASE", base.substring(0, base.length() - 1)), data);
    service = ExampleService.builder(config).outboxPollInterval(Duration.ofMillis(10)).build().start();
  }

  @AfterEach
  void stop() {
    service.close();
    graph.close();
  }

  private void says(String psid, String text) throws Exception {
    long now = System.currentTimeMillis();
    String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":" + now + ",\"messaging\":[{"
        + "\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":" + now
        + ",\"message\":{\"mid\":\"m_" + (mids++) + "\",\"text\":\"" + text + "\"}}]}]}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + service.port() + "/webhooks/meta"))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.withAppSecret(SECRET).sign(payload))
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
  }

  private String reply(int index) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (texts) {
      while (texts.size() <= index && System.nanoTime() < deadline) {
        texts.wait(50);
      }
      if (texts.size() <= index) {
        throw new AssertionError("no reply " + index + "; got " + texts);
      }
      return texts.get(index);
    }
  }

  @Test
  void whereIsMyOrderInEnglish() throws Exception {
    says("4001", "Where is my order");
    assertEquals("What is your order number? (for example A-1042)", reply(0));
    says("4001", "A-1042");
    assertTrue(reply(1).startsWith("Order A-1042 shipped yesterday"), reply(1));
  }

  @Test
  void aFrenchDeliveryProblemBecomesATaskForTheTeam() throws Exception {
    says("4002", "Problème de livraison");
    assertEquals("Quel est votre numéro de commande ? (par exemple A-1042)", reply(0));
    says("4002", "A-1043");
    assertEquals("Qu'est-ce qui s'est mal passé avec la livraison ?", reply(1));
    says("4002", "le colis est arrivé abîmé");
    assertTrue(reply(2).startsWith("Merci ! J'ai transmis votre demande à notre équipe : c'est la tâche #1001"), reply(2));
    var task = service.desk().concierge().get(1001);
    assertEquals("delivery_problem", task.kind().wireName());
    assertEquals("le colis est arrivé abîmé", task.slots().notes());
    assertEquals("fr", task.language());
  }

  @Test
  void aFrenchCustomerTheBotDoesNotUnderstandGetsTheFrenchMenu() throws Exception {
    says("4004", "je cherche la recette des crêpes");
    assertEquals("Désolé, je n'ai pas compris. Je peux vous aider pour :", reply(0));
    synchronized (texts) {
      assertEquals(List.of("Où est ma commande", "Souci de livraison", "Retour", "Conciergerie"), quickReplies.get(0));
    }
    says("4004", "Souci de livraison");
    assertEquals("Quel est votre numéro de commande ? (par exemple A-1042)", reply(1));
  }

  @Test
  void freeFrenchSentencesWithTyposAndNoAccentsReachTheirFlowInFrench() throws Exception {
    says("4005", "mon colis est arrive abime");
    assertEquals("Quel est votre numéro de commande ? (par exemple A-1042)", reply(0));
    says("4005", "A-1043");
    assertEquals("Qu'est-ce qui s'est mal passé avec la livraison ?", reply(1));
    says("4006", "je voudrai etre rembourse svp");
    assertEquals("Quel est votre numéro de commande ? (par exemple A-1042)", reply(2));
    says("4006", "A-1042");
    assertEquals("Pourquoi souhaitez-vous la retourner ?", reply(3));
  }

  @Test
  void freeEnglishSentencesWithTyposReachTheirFlowInEnglish() throws Exception {
    says("4007", "where's my parcel??");
    assertEquals("What is your order number? (for example A-1042)", reply(0));
    says("4007", "A-1042");
    assertTrue(reply(1).startsWith("Order A-1042 shipped yesterday"), reply(1));
    says("4008", "could you book a tabel for two tomorow");
    assertEquals("What can our team do for you? (a table, a gift, something to buy...)", reply(2));
  }

  @Test
  void aGreetingIsAnsweredWithTheMenuInTheCustomersLanguage() throws Exception {
    says("4009", "bonjour");
    assertEquals("Bonjour ! Je peux vous aider pour :", reply(0));
    says("4010", "hi there");
    assertEquals("Hello! I can help with:", reply(1));
    synchronized (texts) {
      assertEquals(ConciergeBot.MENU.get("en"), quickReplies.get(1));
    }
  }

  @Test
  void askingForAPersonQueuesTheConversation() throws Exception {
    says("4003", "Je veux parler à quelqu'un");
    assertEquals("Je vous passe une personne de notre équipe. Elle vous répondra ici très vite.", reply(0));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (service.desk().handoffs().queue(10).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("4003", service.desk().handoffs().queue(10).get(0).conversation().userId());
  }
}
