package dev.parley.bot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static final String SECRET = "app-secret-value-123";
  private static final String VERIFY = "verify-token-value-456";

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("PARLEY_APP_SECRET", SECRET);
    env.put("PARLEY_VERIFY_TOKEN", VERIFY);
    return env;
  }

  private static ConfigurationException refused(Map<String, String> env) {
    return assertThrows(ConfigurationException.class, () -> ServerConfig.fromEnvironment(env));
  }

  @Test
  void theTwoSecretsAloneGiveTheDocumentedDefaults() {
    ServerConfig config = ServerConfig.fromEnvironment(minimal(), Path.of("/srv/data"));
    assertEquals(8080, config.port());
    assertEquals("https://graph.facebook.com", config.graphApiBase());
    assertTrue(config.dbUrl().startsWith("jdbc:h2:file:") && config.dbUrl().contains("/srv/data/parley"), config.dbUrl());
    assertNull(config.messenger());
    assertNull(config.whatsApp());
    assertNull(config.stripe());
    assertFalse(config.paymentsEnabled());
    assertTrue(config.agentTokens().isEmpty());
  }

  @Test
  void theDefaultStoreLivesUnderParleyData() {
    String url = ServerConfig.fromEnvironment(minimal()).dbUrl();
    assertTrue(url.replace('\\', '/').contains("/parley-data/parley"), url);
  }

  @Test
  void eachMissingRequiredVariableIsNamed() {
    Map<String, String> noSecret = minimal();
    noSecret.remove("PARLEY_APP_SECRET");
    ConfigurationException e = refused(noSecret);
    assertEquals("PARLEY_APP_SECRET", e.variable());
    assertTrue(e.getMessage().startsWith("PARLEY_APP_SECRET is required"), e.getMessage());

    Map<String, String> blankToken = minimal();
    blankToken.put("PARLEY_VERIFY_TOKEN", "   ");
    assertEquals("PARLEY_VERIFY_TOKEN", refused(blankToken).variable());
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = minimal();
    env.put("PARLEY_PORT", "9091");
    env.put("PARLEY_DB_URL", "jdbc:postgresql://db:5432/parley?user=parley&password=hunter2");
    env.put("PARLEY_GRAPH_API_BASE", "http://localhost:7000/");
    env.put("PARLEY_MESSENGER_PAGE_ID", "1234");
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", "EAAGpage");
    env.put("PARLEY_WHATSAPP_PHONE_NUMBER_ID", "5678");
    env.put("PARLEY_WHATSAPP_TOKEN", "EAAGwa");
    env.put("STRIPE_API_KEY", "sk_test_123");
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_456");
    env.put("STRIPE_API_BASE", "http://localhost:7001");
    env.put("PARLEY_AGENT_TOKENS", "alice:alice-token-0123456789");
    ServerConfig config = ServerConfig.fromEnvironment(env);
    assertEquals(9091, config.port());
    assertEquals("http://localhost:7000", config.graphApiBase());
    assertEquals("1234", config.messenger().pageId());
    assertEquals("5678", config.whatsApp().phoneNumberId());
    assertEquals("http://localhost:7001", config.stripe().apiBase());
    assertTrue(config.paymentsEnabled());
    assertEquals("alice", config.agentTokens().authenticate("alice-token-0123456789").orElseThrow().name());
  }

  @Test
  void toStringShowsNoSecret() {
    Map<String, String> env = minimal();
    env.put("PARLEY_DB_URL", "jdbc:postgresql://parley:hunter2@db:5432/parley?password=hunter2");
    env.put("PARLEY_MESSENGER_PAGE_ID", "1234");
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", "EAAGpagesecret");
    env.put("STRIPE_API_KEY", "sk_test_secretkey");
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_secret");
    env.put("PARLEY_AGENT_TOKENS", "alice:alice-token-0123456789");
    String text = ServerConfig.fromEnvironment(env).toString();
    for (String secret : new String[] {SECRET, VERIFY, "hunter2", "EAAGpagesecret", "sk_test_secretkey", "whsec_secret",
        "alice-token-0123456789"}) {
      assertFalse(text.contains(secret), secret + " leaked into " + text);
    }
    assertTrue(text.contains("alice") && text.contains("1234"), text);
  }

  @Test
  void halfAChannelNamesTheMissingHalf() {
    Map<String, String> env = minimal();
    env.put("PARLEY_MESSENGER_PAGE_ID", "1234");
    ConfigurationException e = refused(env);
    assertEquals("PARLEY_MESSENGER_PAGE_TOKEN", e.variable());
    assertTrue(e.getMessage().contains("required when PARLEY_MESSENGER_PAGE_ID is set"), e.getMessage());

    Map<String, String> whatsApp = minimal();
    whatsApp.put("PARLEY_WHATSAPP_TOKEN", "EAAGwa");
    assertEquals("PARLEY_WHATSAPP_PHONE_NUMBER_ID", refused(whatsApp).variable());
  }

  @Test
  void badValuesNameTheirVariable() {
    Map<String, String> port = minimal();
    port.put("PARLEY_PORT", "eighty");
    assertEquals("PARLEY_PORT", refused(port).variable());
    port.put("PARLEY_PORT", "70000");
    assertEquals("PARLEY_PORT", refused(port).variable());

    Map<String, String> base = minimal();
    base.put("PARLEY_GRAPH_API_BASE", "graph.facebook.com");
    assertEquals("PARLEY_GRAPH_API_BASE", refused(base).variable());

    Map<String, String> db = minimal();
    db.put("PARLEY_DB_URL", "postgres://db/parley");
    ConfigurationException e = refused(db);
    assertEquals("PARLEY_DB_URL", e.variable());
    assertFalse(e.getMessage().contains("postgres://db"), "the URL may hold a password: " + e.getMessage());

    Map<String, String> agents = minimal();
    agents.put("PARLEY_AGENT_TOKENS", "alice:short");
    ConfigurationException tokens = refused(agents);
    assertEquals("PARLEY_AGENT_TOKENS", tokens.variable());
    assertFalse(tokens.getMessage().contains("short,") || tokens.getMessage().contains(":short"), tokens.getMessage());
  }

  @Test
  void stripeNeedsItsWebhookSecretAndTheSecretNeedsAKey() {
    Map<String, String> keyOnly = minimal();
    keyOnly.put("STRIPE_API_KEY", "sk_test_1");
    assertEquals("STRIPE_WEBHOOK_SECRET", refused(keyOnly).variable());

    Map<String, String> secretOnly = minimal();
    secretOnly.put("STRIPE_WEBHOOK_SECRET", "whsec_1");
    assertEquals("STRIPE_API_KEY", refused(secretOnly).variable());
  }

  @Test
  void aServiceWithoutAnyChannelRefusesToStartNamingTheVariables() {
    ServerConfig config = ServerConfig.fromEnvironment(minimal());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> BotService.builder(config).listener(desk -> event -> {}).build());
    assertTrue(e.getMessage().contains("PARLEY_MESSENGER_PAGE_ID") && e.getMessage().contains("PARLEY_WHATSAPP_TOKEN"),
        e.getMessage());
  }
}
