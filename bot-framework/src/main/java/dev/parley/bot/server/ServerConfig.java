package dev.parley.bot.server;

import dev.parley.bot.agent.AgentTokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The bot server's configuration, read from the environment exactly as the runtime contract says:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code PARLEY_PORT}</td><td>HTTP port</td><td>8080</td></tr>
 *   <tr><td>{@code PARLEY_DB_URL}</td><td>JDBC URL of the conversation store</td><td>an H2 file under {@code ./parley-data}</td></tr>
 *   <tr><td>{@code PARLEY_GRAPH_API_BASE}</td><td>base URL of the Graph API</td><td>{@code https://graph.facebook.com}</td></tr>
 *   <tr><td>{@code PARLEY_APP_SECRET}</td><td>Meta app secret, checks webhook signatures</td><td>required</td></tr>
 *   <tr><td>{@code PARLEY_VERIFY_TOKEN}</td><td>webhook verification token</td><td>required</td></tr>
 *   <tr><td>{@code PARLEY_MESSENGER_PAGE_ID}, {@code PARLEY_MESSENGER_PAGE_TOKEN}</td><td>Messenger page</td><td>off when unset</td></tr>
 *   <tr><td>{@code PARLEY_WHATSAPP_PHONE_NUMBER_ID}, {@code PARLEY_WHATSAPP_TOKEN}</td><td>WhatsApp number</td><td>off when unset</td></tr>
 *   <tr><td>{@code STRIPE_API_KEY}, {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_API_BASE}</td><td>Stripe</td><td>off when the key is unset; base {@code https://api.stripe.com}</td></tr>
 *   <tr><td>{@code PARLEY_AGENT_TOKENS}</td><td>{@code name:token} pairs of inbox agents</td><td>none: inbox closed</td></tr>
 * </table>
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
 * }</pre>
 *
 * A missing required variable or a bad value throws a {@link ConfigurationException} naming the
 * variable. Blank values count as unset. {@link #toString()} shows no secret. Values, thread-safe.
 *
 * @param port the HTTP port (0: any free port, for tests)
 * @param dbUrl the JDBC URL of the store
 * @param graphApiBase the Graph API base URL
 * @param appSecret the Meta app secret
 * @param verifyToken the webhook verify token
 * @param messenger the Messenger page, or null when off
 * @param whatsApp the WhatsApp number, or null when off
 * @param stripe the Stripe settings, or null when payments are off
 * @param agentTokens the agents allowed into the inbox
 */
public record ServerConfig(int port, String dbUrl, String graphApiBase, String appSecret, String verifyToken,
    MessengerPage messenger, WhatsAppNumber whatsApp, Stripe stripe, AgentTokens agentTokens) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_GRAPH_API_BASE = "https://graph.facebook.com";
  public static final String DEFAULT_STRIPE_API_BASE = "https://api.stripe.com";
  /** Where the embedded store lives unless {@code PARLEY_DB_URL} says otherwise. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("parley-data");

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("PARLEY_PORT", "PARLEY_PORT " + port + " is not a port number (1 to 65535)");
    }
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(graphApiBase, "graphApiBase");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(verifyToken, "verifyToken");
    agentTokens = agentTokens == null ? AgentTokens.none() : agentTokens;
  }

  /** A Messenger page and its page access token. {@link #toString()} hides the token. */
  public record MessengerPage(String pageId, String pageToken) {
    @Override
    public String toString() {
      return "MessengerPage[" + pageId + ", token redacted]";
    }
  }

  /** A WhatsApp phone-number id and its access token. {@link #toString()} hides the token. */
  public record WhatsAppNumber(String phoneNumberId, String token) {
    @Override
    public String toString() {
      return "WhatsAppNumber[" + phoneNumberId + ", token redacted]";
    }
  }

  /** Stripe's API key, webhook signing secret and API base. {@link #toString()} hides the secrets. */
  public record Stripe(String apiKey, String webhookSecret, String apiBase) {
    @Override
    public String toString() {
      return "Stripe[" + apiBase + ", key and webhook secret redacted]";
    }
  }

  /** Reads the configuration from {@code environment} (pass {@code System.getenv()}, or a map in tests). */
  public static ServerConfig fromEnvironment(Map<String, String> environment) {
    return fromEnvironment(environment, DEFAULT_DATA_DIRECTORY);
  }

  /**
   * Like {@link #fromEnvironment(Map)}, with the embedded store under {@code dataDirectory} when
   * {@code PARLEY_DB_URL} is unset.
   */
  public static ServerConfig fromEnvironment(Map<String, String> environment, Path dataDirectory) {
    Environment env = new Environment(environment);
    int port = env.port("PARLEY_PORT", DEFAULT_PORT);
    String dbUrl = env.optional("PARLEY_DB_URL");
    if (dbUrl == null) {
      // The service closes the store itself after the last turn; H2 closing it at JVM exit would come first.
      dbUrl = "jdbc:h2:file:" + dataDirectory.resolve("parley").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    } else if (!dbUrl.startsWith("jdbc:")) {
      throw new ConfigurationException("PARLEY_DB_URL", "PARLEY_DB_URL must be a JDBC URL starting with 'jdbc:', "
          + "such as jdbc:postgresql://db:5432/parley (value not shown)");
    }
    String graphApiBase = env.url("PARLEY_GRAPH_API_BASE", DEFAULT_GRAPH_API_BASE);
    String appSecret = env.required("PARLEY_APP_SECRET", "the Meta app secret that checks webhook signatures");
    String verifyToken = env.required("PARLEY_VERIFY_TOKEN", "the token Meta's webhook verification handshake sends");
    MessengerPage messenger = env.pair("PARLEY_MESSENGER_PAGE_ID", "PARLEY_MESSENGER_PAGE_TOKEN", "Messenger")
        ? new MessengerPage(env.id("PARLEY_MESSENGER_PAGE_ID"), env.token("PARLEY_MESSENGER_PAGE_TOKEN")) : null;
    WhatsAppNumber whatsApp = env.pair("PARLEY_WHATSAPP_PHONE_NUMBER_ID", "PARLEY_WHATSAPP_TOKEN", "WhatsApp")
        ? new WhatsAppNumber(env.id("PARLEY_WHATSAPP_PHONE_NUMBER_ID"), env.token("PARLEY_WHATSAPP_TOKEN")) : null;
    Stripe stripe = null;
    String stripeKey = env.optional("STRIPE_API_KEY");
    if (stripeKey != null) {
      String secret = env.required("STRIPE_WEBHOOK_SECRET",
          "the signing secret of the Stripe webhook endpoint, needed when STRIPE_API_KEY is set");
      stripe = new Stripe(stripeKey, secret, env.url("STRIPE_API_BASE", DEFAULT_STRIPE_API_BASE));
    } else if (env.optional("STRIPE_WEBHOOK_SECRET") != null) {
      throw new ConfigurationException("STRIPE_API_KEY", "STRIPE_API_KEY is required when STRIPE_WEBHOOK_SECRET is set"
          + " (payments are off without it)");
    }
    AgentTokens agents;
    try {
      agents = AgentTokens.parse(env.optional("PARLEY_AGENT_TOKENS"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("PARLEY_AGENT_TOKENS", "PARLEY_AGENT_TOKENS " + e.getMessage()
          + " (expected name:token,name:token)");
    }
    return new ServerConfig(port, dbUrl, graphApiBase, appSecret, verifyToken, messenger, whatsApp, stripe, agents);
  }

  /** True when Stripe is configured. */
  public boolean paymentsEnabled() {
    return stripe != null;
  }

  @Override
  public String toString() {
    return "ServerConfig[port=" + port + ", db=" + redactUrl(dbUrl) + ", graphApiBase=" + graphApiBase
        + ", appSecret=redacted, verifyToken=redacted, messenger=" + messenger + ", whatsApp=" + whatsApp
        + ", stripe=" + stripe + ", agents=" + agentTokens.names() + "]";
  }

  /** The JDBC URL without its query or H2 settings, where passwords may hide. */
  static String redactUrl(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    String base = url.substring(0, cut);
    int at = base.indexOf('@');
    if (at >= 0 && base.startsWith("jdbc:postgresql://")) {
      base = "jdbc:postgresql://" + base.substring(at + 1);
    }
    return cut < url.length() ? base + "…" : base;
  }

  /** Reads variables; blank counts as unset. */
  private record Environment(Map<String, String> values) {

    String optional(String name) {
      String value = values.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    String required(String name, String meaning) {
      String value = optional(name);
      if (value == null) {
        throw new ConfigurationException(name, name + " is required: " + meaning);
      }
      return value;
    }

    int port(String name, int fallback) {
      String value = optional(name);
      if (value == null) {
        return fallback;
      }
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigurationException(name, name + " '" + abbreviate(value) + "' is not a port number (1 to 65535)");
    }

    String url(String name, String fallback) {
      String value = optional(name);
      if (value == null) {
        return fallback;
      }
      try {
        URI uri = URI.create(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null) {
          return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new ConfigurationException(name, name + " '" + abbreviate(value) + "' is not an http(s) URL without a query");
    }

    boolean pair(String idName, String tokenName, String channel) {
      boolean id = optional(idName) != null;
      boolean token = optional(tokenName) != null;
      if (id != token) {
        String missing = id ? tokenName : idName;
        String present = id ? idName : tokenName;
        throw new ConfigurationException(missing, missing + " is required when " + present + " is set (" + channel
            + " is off only when both are unset)");
      }
      return id;
    }

    String id(String name) {
      String value = optional(name);
      if (!value.matches("[0-9A-Za-z_-]{1,64}")) {
        throw new ConfigurationException(name, name + " '" + abbreviate(value) + "' is not an id (digits, at most 64)");
      }
      return value;
    }

    String token(String name) {
      String value = optional(name);
      if (value.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigurationException(name, name + " contains whitespace (value not shown)");
      }
      return value;
    }

    private static String abbreviate(String value) {
      return value.length() <= 40 ? value : value.substring(0, 39) + "…";
    }
  }
}
