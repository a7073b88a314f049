package dev.parley.bot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Recipient;
import dev.parley.core.UtilityTemplates;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.WhatsAppTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BotService.Builder#parley}: the send client the service builds, customised by the merchant. */
class BotServiceParleyTest {
  private static final Recipient CUSTOMER = Recipient.whatsApp(MockGraph.PHONE_ID, "33600000001");
  private static final UtilityTemplates TEMPLATES = UtilityTemplates.of(update -> WhatsAppTemplate.of("order_update",
      "en_US", TemplateParameter.text(update.orderNumber()), TemplateParameter.text(update.status().label())), null);
  @TempDir
  Path data;
  private final MockGraph graph = new MockGraph();
  private BotService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    graph.close();
  }

  private BotService start(UnaryOperator<dev.parley.core.Parley.Builder> customizer) {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of("PARLEY_PORT", "0", "PARLEY_APP_SECRET", "app-secret-0001",
        "PARLEY_VERIFY_TOKEN", "verify-token-0002", "PARLEY_GRAPH_API_BASE", graph.baseUrl(),
        "PARLEY_WHATSAPP_PHONE_NUMBER_ID", MockGraph.PHONE_ID, "PARLEY_WHATSAPP_TOKEN", MockGraph.WHATSAPP_TOKEN), data);
    service = BotService.builder(config).listener(desk -> event -> { }).parley(customizer).build().start();
    return service;
  }

  @Test
  void utilityTemplatesGivenToTheClientCarryAnOrderUpdateOutsideTheWindow() {
    start(parley -> parley.utilityTemplates(TEMPLATES));
    service.desk().parley().send(CUSTOMER, OrderUpdate.of("A-1042", OrderStatus.SHIPPED));
    JsonObject sent = JsonParser.parseString(graph.requests().get(0).getBody().utf8()).getAsJsonObject();
    assertEquals("template", sent.get("type").getAsString());
    assertEquals("order_update", sent.getAsJsonObject("template").get("name").getAsString());
  }

  @Test
  void withoutTheCustomizerTheSameUpdateIsRefusedOutsideTheWindow() {
    start(UnaryOperator.identity());
    assertThrows(OutsideWindowException.class,
        () -> service.desk().parley().send(CUSTOMER, OrderUpdate.of("A-1042", OrderStatus.SHIPPED)));
    assertEquals(0, graph.requests().size());
  }

  @Test
  void aCustomizerReturningNothingIsRefusedAtBuild() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(parley -> null));
    assertEquals("the parley customizer returned null; return the builder it was given", refused.getMessage());
  }
}
