package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.core.Recipient;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.examples.demo.DemoPlatforms;
import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.WhatsAppCustomer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example server as {@code server} builds it, against the platform sandbox. */
class ExampleServiceTest {
  @TempDir
  Path data;
  private PlatformSandbox sandbox;
  private BotService service;

  @BeforeEach
  void start() {
    sandbox = DemoPlatforms.sandbox().start();
    Map<String, String> environment = DemoPlatforms.serverEnvironment(sandbox, data, "ada:ada-token-0123456789");
    environment.put("PARLEY_PORT", "0");
    service = ExampleService.builder(ServerConfig.fromEnvironment(environment)).build().start();
  }

  @AfterEach
  void stop() {
    service.close();
    sandbox.close();
  }

  @Test
  void anOrderUpdateToAWhatsAppCustomerOutsideTheWindowGoesAsTheShopsTemplate() {
    WhatsAppCustomer lucas = sandbox.whatsAppCustomer(DemoPlatforms.PHONE_NUMBER_ID, "33612345678", "Lucas Bernard");
    OrderUpdate shipped = OrderUpdate.builder("A-1042", OrderStatus.SHIPPED)
        .trackingUrl(ShopTemplates.trackingUrl("PX1042FR")).eta(LocalDate.of(2026, 3, 14)).build();
    service.desk().parley().send(Recipient.whatsApp(DemoPlatforms.PHONE_NUMBER_ID, lucas.waId()), shipped);
    List<SentMessage> received = lucas.receivedMessages();
    assertEquals(1, received.size());
    assertEquals(ShopTemplates.ORDER_SHIPPED, received.get(0).tag());
  }
}
