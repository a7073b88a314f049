package dev.parley.bot.server;

import com.sun.net.httpserver.HttpHandler;
import dev.parley.bot.Bot;
import dev.parley.bot.agent.AgentApi;
import dev.parley.bot.agent.AgentHttpApi;
import dev.parley.bot.agent.JdbcAgentActionLog;
import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.bot.concierge.JdbcTaskStore;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.TaskStore;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.JdbcHandoffStore;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.WebhookHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bot service from a {@link ServerConfig}: the conversation store (an H2 file under
 * {@code ./parley-data} or PostgreSQL), the Parley client, one outbox, the concierge and handoff
 * desks, the agent API, the webhook handler and the {@link BotServer}. The application brings its
 * bot and, optionally, payments.
 *
 * <pre>{@code
 * BotService service = BotService.builder(ServerConfig.fromEnvironment(System.getenv()))
 *     .bot(desk -> Bot.builder().store(desk.store()).outbox(desk.outbox())
 *         .use(HandoffMiddleware.of(desk.handoffs()).concierge(desk.concierge()))
 *         .flow(...).build())
 *     .payments(desk -> myPaymentDesk, desk -> myStripeWebhook)
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Start-up: store migrated, webhook events recorded but not handled before a crash dispatched
 * again, outbox and bot started, idle hand-backs checked every minute, then the port opens.
 * {@link #close()} stops taking requests, lets requests and turns in flight finish, then closes the
 * bot, the outbox and the store. Thread-safe.
 */
public final class BotService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotService.class);

  private final Desk desk;
  private final BotServer server;
  private final WebhookHandler webhooks;

  private BotService(Desk desk, BotServer server, WebhookHandler webhooks) {
    this.desk = desk;
    this.server = server;
    this.webhooks = webhooks;
  }

  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /**
   * What the service built, for the application's bot and payments: the store, the client, the
   * outbox, the desks. Values; every component is thread-safe.
   *
   * @param config the configuration
   * @param store the conversation store
   * @param parley the send client
   * @param outbox the outbox every notice and bot reply goes through
   * @param tasks the concierge task store
   * @param concierge the concierge desk
   * @param handoffs the handoff desk
   * @param clock the service's clock
   */
  public record Desk(ServerConfig config, JdbcConversationStore store, Parley parley, Outbox outbox, TaskStore tasks,
      ConciergeDesk concierge, HandoffDesk handoffs, Clock clock) {}

  /** Starts everything and opens the port; returns this service. */
  public BotService start() {
    // The stores hand out at most 1,000 unhandled journal entries at a time (WebhookHandler's default asks 10,000).
    int redispatched = webhooks.redispatchUnhandled(1000);
    if (redispatched > 0) {
      log.info("{} webhook events recorded before the last stop were dispatched again", redispatched);
    }
    server.start();
    log.info("Parley bot server on port {}: {}", server.port(), desk.config());
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The components the service built. */
  public Desk desk() {
    return desk;
  }

  /**
   * Stops gracefully (see {@link BotServer#close()}); a reply stored but not yet delivered stays in the
   * outbox for the next start. Requests, webhook turns, bot turns and outbox deliveries each wait at most
   * their shutdown grace ({@link Builder#shutdownGrace}, {@link Bot.Builder#shutdownGrace}; 10 s unless set).
   */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "BotService[" + server + "]";
  }

  /** Configures a {@link BotService}. Not thread-safe. */
  public static final class Builder {
    private final ServerConfig config;
    private Function<Desk, Bot> bot;
    private Function<Desk, Consumer<InboundEvent>> listener;
    private Function<Desk, PaymentDesk> payments = desk -> PaymentDesk.none();
    private Function<Desk, PaymentWebhook> paymentWebhook;
    private Duration idleHandBack = Duration.ofMinutes(30);
    private Duration idleCheckInterval = Duration.ofMinutes(1);
    private Duration retryUnhandledEvery = Duration.ofSeconds(30);
    private Duration retryUnhandledAfter = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private Consumer<String> accessLog;
    private HttpHandler inboxPage;
    private int webhookThreads = 32;
    private Duration outboxPollInterval = Duration.ofMillis(100);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private UnaryOperator<Parley.Builder> parleyCustomizer = UnaryOperator.identity();

    private Builder(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The bot, built from what the service made: give it {@code desk.store()} and {@code
     * desk.outbox()}. The service starts and closes it.
     */
    public Builder bot(Function<Desk, Bot> bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      this.listener = null;
      return this;
    }

    /** Instead of a {@link Bot}: any listener of webhook events (runs on the webhook threads). */
    public Builder listener(Function<Desk, Consumer<InboundEvent>> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      this.bot = null;
      return this;
    }

    /**
     * Payments: the desk agents and tasks use, and the provider's webhook endpoint. Configure them
     * from {@code desk.config().stripe()}; without this call payments are off.
     */
    public Builder payments(Function<Desk, PaymentDesk> payments, Function<Desk, PaymentWebhook> webhook) {
      this.payments = Objects.requireNonNull(payments, "payments");
      this.paymentWebhook = Objects.requireNonNull(webhook, "webhook");
      return this;
    }

    /** After how long without activity people give a conversation back to the bot; 30 minutes by default. */
    public Builder idleHandBack(Duration idle) {
      this.idleHandBack = Objects.requireNonNull(idle, "idle");
      return this;
    }

    /** How often idle conversations are looked for; every minute by default. */
    public Builder idleCheckInterval(Duration interval) {
      if (interval == null || interval.toMillis() < 10) {
        throw new IllegalArgumentException("idleCheckInterval " + interval + " must be at least 10 ms");
      }
      this.idleCheckInterval = interval;
      return this;
    }

    /**
     * How often webhook events that were acknowledged but never handled (a turn failed because the
     * database was unreachable, say) are dispatched again, and how old they must be to count as
     * failed rather than still in a turn: every 30 seconds, after 1 minute, by default. Meta does
     * not deliver an acknowledged event again, so without this such an event would wait for the
     * next start of a node. Redispatching is safe with several nodes: the bot skips events it
     * already handled.
     */
    public Builder retryUnhandledEvents(Duration every, Duration after) {
      if (every == null || every.toMillis() < 10) {
        throw new IllegalArgumentException("retryUnhandledEvents every " + every + " must be at least 10 ms");
      }
      if (after == null || after.isNegative()) {
        throw new IllegalArgumentException("retryUnhandledEvents after " + after + " must not be negative");
      }
      this.retryUnhandledEvery = every;
      this.retryUnhandledAfter = after;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where access log lines go; the SLF4J logger {@code dev.parley.bot.server.access} by default. */
    public Builder accessLog(Consumer<String> accessLog) {
      this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
      return this;
    }

    /** The browser inbox under {@code /inbox}. */
    public Builder inboxPage(HttpHandler page) {
      this.inboxPage = Objects.requireNonNull(page, "page");
      return this;
    }

    /**
     * How long {@link BotService#close()} lets each stage of the stop finish, 0 to 5 minutes; 10 s by
     * default: requests in flight, then webhook turns, then the outbox's deliveries in flight. The bot's
     * own turns get {@link Bot.Builder#shutdownGrace}, set where you build the bot. Work cut off by the
     * grace loses nothing: a refused or unanswered webhook is sent again by Meta, a stored reply stays
     * in the outbox for the next start.
     */
    public Builder shutdownGrace(Duration grace) {
      if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("shutdownGrace " + grace + " must be between 0 and 5 minutes");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** How often the outbox looks for new messages; 100 ms by default. */
    public Builder outboxPollInterval(Duration interval) {
      this.outboxPollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Customises the send client the service builds from the environment (its channels, Graph API base and
     * app secret already set): WhatsApp UTILITY templates for order updates outside the window, rate limits,
     * retries, the locale. The service then sets its own store as the window lookup and its own clock.
     *
     * <pre>{@code
     * BotService.builder(config).parley(parley -> parley.utilityTemplates(ShopTemplates.forWhatsApp()))
     * }</pre>
     */
    public Builder parley(UnaryOperator<Parley.Builder> customizer) {
      this.parleyCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Opens the store and builds everything; throws a {@link ConfigurationException} naming the
     * variable when the configuration cannot work (no channel at all).
     */
    public BotService build() {
      if (bot == null && listener == null) {
        throw new IllegalStateException("a bot service needs a bot: .bot(desk -> Bot.builder()...build())");
      }
      Parley parley = parley();
      JdbcConversationStore store = JdbcConversationStore.builder().jdbcUrl(config.dbUrl()).clock(clock).build();
      try {
        return assemble(parley, store);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }

    private BotService assemble(Parley configured, JdbcConversationStore store) {
      Parley parley = configured.newBuilder().lastInboundTimes(store).clock(clock).build();
      // While an agent owns a conversation, what goes out is on the agent's behalf: Messenger then takes it
      // with the HUMAN_AGENT tag up to 7 days after the customer's last message.
      Outbox outbox = Outbox.builder(store.outbox(), (recipient, message) -> {
        Owner owner = store.ownership(recipient).owner();
        boolean agent = owner.kind() == Owner.Kind.AGENT && !owner.equals(HandoffDesk.QUEUE_OWNER);
        return parley.sendAsync(recipient, message, agent ? SendOptions.humanAgentReply() : SendOptions.DEFAULT);
      }).clock(clock).pollInterval(outboxPollInterval)
          .shutdownGrace(shutdownGrace).build();
      AtomicLong changes = new AtomicLong();
      TaskStore tasks = JdbcTaskStore.create(store.dataSource());
      HandoffDesk[] handoffHolder = new HandoffDesk[1];
      Bot[] botHolder = new Bot[1];
      PaymentDesk[] paymentHolder = {PaymentDesk.none()};
      PaymentDesk lazyPayments = new DeferredPaymentDesk(() -> paymentHolder[0]);
      ConciergeDesk concierge = ConciergeDesk.builder(tasks, store, outbox).payments(lazyPayments).clock(clock)
          .onChange(changes::incrementAndGet).build();
      HandoffDesk.Builder handoffBuilder = HandoffDesk.builder(JdbcHandoffStore.create(store.dataSource()), store, outbox)
          .payments(lazyPayments).tasks(tasks).idleHandBack(idleHandBack).clock(clock)
          .onChange(changes::incrementAndGet);
      if (bot != null) {
        handoffBuilder.onHandBack((conversation, handoff, why) -> botHolder[0].handBack(conversation, why));
      }
      if (config.messenger() != null) {
        handoffBuilder.threadControl(parley.threadControl());
      }
      HandoffDesk handoffs = handoffBuilder.build();
      handoffHolder[0] = handoffs;
      Desk desk = new Desk(config, store, parley, outbox, tasks, concierge, handoffs, clock);
      paymentHolder[0] = payments.apply(desk);

      Consumer<InboundEvent> handler;
      if (bot != null) {
        botHolder[0] = bot.apply(desk);
        handler = botHolder[0].webhookListener();
      } else {
        handler = listener.apply(desk);
      }
      Consumer<InboundEvent> observed = event -> {
        handoffs.observe(event);
        handler.accept(event);
      };
      ThreadPoolExecutor turns = new ThreadPoolExecutor(webhookThreads, webhookThreads, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(10_000), daemon("parley-webhook"));
      turns.allowCoreThreadTimeOut(true);
      WebhookHandler webhooks = WebhookHandler.builder().appSecret(config.appSecret()).verifyToken(config.verifyToken())
          .journal(store).listener(observed).executor(turns).clock(clock).build();

      AgentApi agentApi = AgentApi.builder(store, handoffs, concierge, parley, outbox).payments(lazyPayments)
          .actions(JdbcAgentActionLog.create(store.dataSource())).clock(clock).changeCounter(changes).build();
      ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("parley-housekeeping"));
      housekeeping.scheduleWithFixedDelay(() -> {
        try {
          handoffs.handBackIdle();
        } catch (RuntimeException e) {
          log.warn("idle hand-back check failed", e);
        }
      }, idleCheckInterval.toMillis(), idleCheckInterval.toMillis(), TimeUnit.MILLISECONDS);
      housekeeping.scheduleWithFixedDelay(() -> {
        try {
          int retried = webhooks.redispatchUnhandled(1000, clock.instant().minus(retryUnhandledAfter));
          if (retried > 0) {
            log.warn("{} acknowledged webhook events had not been handled; dispatched them again", retried);
          }
        } catch (RuntimeException e) {
          log.warn("retrying unhandled webhook events failed", e);
        }
      }, retryUnhandledEvery.toMillis(), retryUnhandledEvery.toMillis(), TimeUnit.MILLISECONDS);

      BotServer.Builder server = BotServer.builder().port(config.port()).shutdownGrace(shutdownGrace)
          .metaWebhook(webhooks)
          .inboxApi(new AgentHttpApi(agentApi, config.agentTokens(), clock))
          .healthCheck("store", () -> {
            store.findConversation(Recipient.messenger("0", "0"));
            return null;
          })
          .healthCheck("outbox", () -> outbox.counts().parked() > 1000 ? outbox.counts().parked() + " messages parked"
              : null);
      if (paymentWebhook != null) {
        server.paymentWebhook(paymentWebhook.apply(desk));
      }
      if (accessLog != null) {
        server.accessLog(accessLog);
      }
      if (inboxPage != null) {
        server.inboxPage(inboxPage);
      }
      // Closed in reverse order: idle checks, then webhook turns finish, then the bot, the outbox, the store.
      server.onStop(store).onStop(outbox);
      if (botHolder[0] != null) {
        server.onStop(botHolder[0]);
      }
      server.onStop(() -> {
        turns.shutdown();
        if (!turns.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("webhook turns still running after the shutdown grace of {}", shutdownGrace);
        }
      });
      server.onStop(housekeeping::shutdownNow);
      outbox.start();
      if (botHolder[0] != null) {
        botHolder[0].start();
      }
      return new BotService(desk, server.build(), webhooks);
    }

    private Parley parley() {
      if (config.messenger() == null && config.whatsApp() == null) {
        throw new ConfigurationException("PARLEY_MESSENGER_PAGE_ID", "no channel is configured: set"
            + " PARLEY_MESSENGER_PAGE_ID and PARLEY_MESSENGER_PAGE_TOKEN, or PARLEY_WHATSAPP_PHONE_NUMBER_ID and"
            + " PARLEY_WHATSAPP_TOKEN");
      }
      Parley.Builder builder = Parley.builder().graphApiBase(config.graphApiBase()).appSecret(config.appSecret());
      if (config.messenger() != null) {
        builder.messengerPage(config.messenger().pageId(), config.messenger().pageToken());
      }
      if (config.whatsApp() != null) {
        builder.whatsAppNumber(config.whatsApp().phoneNumberId(), config.whatsApp().token());
      }
      Parley.Builder customized = parleyCustomizer.apply(builder);
      if (customized == null) {
        throw new IllegalStateException("the parley customizer returned null; return the builder it was given");
      }
      return customized.build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
      AtomicLong count = new AtomicLong();
      return runnable -> {
        Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
