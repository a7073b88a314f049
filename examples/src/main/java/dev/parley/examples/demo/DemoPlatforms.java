package dev.parley.examples.demo;

import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.WhatsAppTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's accounts as the platform sandbox knows them: a Messenger page, a WhatsApp number, the
 * shop's approved UTILITY templates, and the environment that points the bot server at the sandbox
 * instead of Meta and Stripe. The tokens are the sandbox's own, not secrets. Thread-safe (constants).
 */
public final class DemoPlatforms {
  public static final String PAGE_ID = "1001";
  public static final String PAGE_TOKEN = "sandbox-page-token";
  public static final String PHONE_NUMBER_ID = "2002";
  public static final String DISPLAY_PHONE_NUMBER = "+1 555 000 2002";
  public static final String WHATSAPP_TOKEN = "sandbox-whatsapp-token";
  public static final String APP_SECRET = "sandbox-app-secret";
  public static final String STRIPE_API_KEY = "sk_test_sandbox_demo";
  public static final String STRIPE_WEBHOOK_SECRET = "whsec_sandbox_demo";
  public static final String VERIFY_TOKEN = "sandbox-verify-token";

  private DemoPlatforms() {}

  /** A sandbox builder with the shop's page, number, templates and keys; add a port and a clock, then start. */
  public static PlatformSandbox.Builder sandbox() {
    PlatformSandbox.Builder sandbox = PlatformSandbox.builder()
        .messengerPage(PAGE_ID, PAGE_TOKEN)
        .whatsAppNumber(PHONE_NUMBER_ID, DISPLAY_PHONE_NUMBER, WHATSAPP_TOKEN)
        .appSecret(APP_SECRET)
        .stripeApiKey(STRIPE_API_KEY)
        .stripeWebhookSecret(STRIPE_WEBHOOK_SECRET);
    templates().forEach(sandbox::whatsAppTemplate);
    return sandbox;
  }

  /** The templates of {@link ShopTemplates}, as the shop had them approved. */
  public static List<WhatsAppTemplate> templates() {
    return List.of(
        WhatsAppTemplate.builder(ShopTemplates.ORDER_SHIPPED, ShopTemplates.LANGUAGE)
            .category(WhatsAppTemplate.Category.UTILITY)
            .body("Good news: your order {{1}} is on its way. It should arrive on {{2}}.")
            .urlButton("Track parcel", ShopTemplates.TRACKING_PAGE + "{{1}}")
            .build(),
        WhatsAppTemplate.builder(ShopTemplates.ORDER_UPDATE, ShopTemplates.LANGUAGE)
            .category(WhatsAppTemplate.Category.UTILITY)
            .body("Your order {{1}} is {{2}}.")
            .build());
  }

  /**
   * The runtime contract's variables that point the bot server at {@code sandbox}: the Graph API and
   * Stripe bases, the app secret and verify token, both channels and the Stripe keys.
   */
  public static Map<String, String> sandboxVariables(PlatformSandbox sandbox) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PARLEY_GRAPH_API_BASE", sandbox.graphBaseUrl());
    env.put("PARLEY_APP_SECRET", sandbox.appSecret());
    env.put("PARLEY_VERIFY_TOKEN", VERIFY_TOKEN);
    env.put("PARLEY_MESSENGER_PAGE_ID", PAGE_ID);
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", PAGE_TOKEN);
    env.put("PARLEY_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
    env.put("PARLEY_WHATSAPP_TOKEN", WHATSAPP_TOKEN);
    env.put("STRIPE_API_KEY", sandbox.stripeApiKey());
    env.put("STRIPE_WEBHOOK_SECRET", sandbox.stripeWebhookSecret());
    env.put("STRIPE_API_BASE", sandbox.stripeApiBase());
    return env;
  }

  /**
   * The bot server's whole environment for the demo: {@link #sandboxVariables}, any free port, the
   * store under {@code dataDirectory}, and the agents of {@code agentTokens} ({@code name:token,...}).
   */
  public static Map<String, String> serverEnvironment(PlatformSandbox sandbox, Path dataDirectory, String agentTokens) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PARLEY_PORT", "0");
    env.put("PARLEY_DB_URL", "jdbc:h2:file:" + dataDirectory.resolve("parley").toAbsolutePath());
    env.putAll(sandboxVariables(sandbox));
    env.put("PARLEY_AGENT_TOKENS", agentTokens);
    return env;
  }
}
