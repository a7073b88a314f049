package dev.parley.examples;

import dev.parley.bot.Bot;
import dev.parley.bot.Flow;
import dev.parley.bot.GlobalIntent;
import dev.parley.bot.Middleware;
import dev.parley.bot.Prompt;
import dev.parley.bot.Slots;
import dev.parley.bot.Turn;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffMiddleware;
import dev.parley.bot.nlu.Understanding;
import dev.parley.bot.server.BotService;
import dev.parley.core.Money;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The example concierge bot, in English and French: where is my order, a delivery problem, a return
 * or refund request, and concierge requests (a reservation, a gift, a purchase) that become tasks
 * for the team. It understands free sentences through {@link ConciergeIntents} and answers in the
 * language the customer writes in. Whatever it cannot do, or when the customer asks for a person,
 * sounds upset or reports a payment problem, goes to the agent inbox with its context.
 */
final class ConciergeBot {
  private static final Map<String, Map<String, String>> TEXTS = Map.of(
      "en", Map.of(
          "order?", "What is your order number? (for example A-1042)",
          "problem?", "What went wrong with the delivery?",
          "reason?", "Why would you like to return it?",
          "what?", "What can our team do for you? (a table, a gift, something to buy...)",
          "when?", "For when?",
          "budget?", "What budget, in euros? (0 if none)",
          "menu", "Sorry, I did not get that. I can help with:",
          "hello", "Hello! I can help with:",
          "human", "A person from our team will answer here shortly.",
          "help", "I can track an order, sort out a delivery problem, take a return or refund request, or pass a "
              + "request to our concierge team. Ask for a person at any time."),
      "fr", Map.of(
          "order?", "Quel est votre numéro de commande ? (par exemple A-1042)",
          "problem?", "Qu'est-ce qui s'est mal passé avec la livraison ?",
          "reason?", "Pourquoi souhaitez-vous la retourner ?",
          "what?", "Que peut faire notre équipe pour vous ? (une table, un cadeau, un achat...)",
          "when?", "Pour quand ?",
          "budget?", "Quel budget, en euros ? (0 si aucun)",
          "menu", "Désolé, je n'ai pas compris. Je peux vous aider pour :",
          "hello", "Bonjour ! Je peux vous aider pour :",
          "human", "Une personne de notre équipe va vous répondre ici très vite.",
          "help", "Je peux suivre une commande, régler un problème de livraison, prendre une demande de retour ou "
              + "de remboursement, ou transmettre une demande à notre conciergerie. Demandez une personne à tout moment."));

  private static final String ORDER_STATUS = "order_status_";
  private static final String DELIVERY_PROBLEM = "delivery_problem_";
  private static final String RETURN = "return_";
  private static final String CONCIERGE = "concierge_";

  private ConciergeBot() {}

  static Bot create(BotService.Desk desk) {
    HandoffMiddleware handoff = HandoffMiddleware.of(desk.handoffs()).concierge(desk.concierge());
    Bot.Builder bot = Bot.builder().store(desk.store()).outbox(desk.outbox()).clock(desk.clock())
        .recognizer(ConciergeIntents.recognizer())
        .handoffOwner(HandoffDesk.QUEUE_OWNER)
        .use(Middleware.logging())
        .use(handoff)
        .globalIntent(GlobalIntent.of("help", ConciergeBot::help).matching("help", "HELP", "aide", "?"))
        .globalIntent(GlobalIntent.talkToHuman("A person from our team will answer here shortly.")
            .matching("TALK_TO_HUMAN"))
        .onIntent(ConciergeIntents.HELP, ConciergeBot::help)
        .onIntent(ConciergeIntents.HUMAN, turn -> turn.reply(TEXTS.get(language(turn)).get("human"))
            .handOff("customer asked for a person"))
        .onIntent(ConciergeIntents.GREETING, turn -> menu(turn, "hello"))
        .onIntent(ConciergeIntents.TRACK_ORDER, turn -> startInLanguage(turn, ORDER_STATUS))
        .onIntent(ConciergeIntents.DELIVERY_PROBLEM, turn -> startInLanguage(turn, DELIVERY_PROBLEM))
        .onIntent(ConciergeIntents.RETURN, turn -> startInLanguage(turn, RETURN))
        .onIntent(ConciergeIntents.REFUND, turn -> startInLanguage(turn, RETURN))
        .onIntent(ConciergeIntents.CONCIERGE, turn -> startInLanguage(turn, CONCIERGE))
        .fallback(handoff.notUnderstood(turn -> menu(turn, "menu")));
    for (String language : new String[] {"en", "fr"}) {
      bot.flow(orderStatus(language)).flow(deliveryProblem(desk, language)).flow(returnRequest(desk, language))
          .flow(conciergeRequest(desk, language));
    }
    return bot.build();
  }

  /** The customer's language as the recognizer told it from their words: "fr" or "en". */
  static String language(Turn turn) {
    Understanding understanding = turn.understanding();
    return understanding != null && "fr".equals(understanding.language().getLanguage()) ? "fr" : "en";
  }

  private static void help(Turn turn) {
    turn.reply(TEXTS.get(language(turn)).get("help"));
  }

  /** Each flow exists once per language, its questions in that language; the intent picks the customer's. */
  private static void startInLanguage(Turn turn, String flow) {
    turn.startFlow(flow + language(turn));
  }

  /**
   * The fallback menu's quick-reply titles; each is also a phrase that starts its flow. Quick-reply titles
   * have at most 20 characters on Messenger and WhatsApp.
   */
  static final Map<String, List<String>> MENU = Map.of(
      "en", List.of("Where is my order", "Delivery problem", "Return", "Concierge"),
      "fr", List.of("Où est ma commande", "Souci de livraison", "Retour", "Conciergerie"));

  private static void menu(Turn turn, String text) {
    String language = language(turn);
    turn.replyWithQuickReplies(TEXTS.get(language).get(text), MENU.get(language).toArray(String[]::new));
  }

  private static Flow orderStatus(String language) {
    Map<String, String> t = TEXTS.get(language);
    boolean fr = language.equals("fr");
    return Flow.builder(ORDER_STATUS + language)
        .triggeredBy(fr ? new String[] {"Où est ma commande", "suivre ma commande"}
            : new String[] {"Where is my order", "track my order"})
        .ask("order", Prompt.text(t.get("order?")))
        .step("answer", turn -> turn.reply(ExampleOrders.status(turn.slots().string("order"), language)))
        .build();
  }

  private static Flow deliveryProblem(BotService.Desk desk, String language) {
    Map<String, String> t = TEXTS.get(language);
    boolean fr = language.equals("fr");
    return Flow.builder(DELIVERY_PROBLEM + language)
        .triggeredBy(fr ? new String[] {"Souci de livraison", "Problème de livraison", "colis abîmé",
            "pas reçu mon colis"} : new String[] {"Delivery problem", "parcel damaged",
            "did not receive my parcel"})
        .ask("order", Prompt.text(t.get("order?")))
        .ask("problem", Prompt.text(t.get("problem?")))
        .step("task", turn -> openTask(desk, turn, TaskKind.DELIVERY_PROBLEM, language))
        .build();
  }

  private static Flow returnRequest(BotService.Desk desk, String language) {
    Map<String, String> t = TEXTS.get(language);
    boolean fr = language.equals("fr");
    return Flow.builder(RETURN + language)
        .triggeredBy(fr ? new String[] {"Retour", "remboursement", "je veux être remboursé"}
            : new String[] {"Return", "refund", "I want a refund"})
        .ask("order", Prompt.text(t.get("order?")))
        .ask("reason", Prompt.text(t.get("reason?")))
        .step("task", turn -> openTask(desk, turn, TaskKind.RETURN, language))
        .build();
  }

  private static Flow conciergeRequest(BotService.Desk desk, String language) {
    Map<String, String> t = TEXTS.get(language);
    boolean fr = language.equals("fr");
    return Flow.builder(CONCIERGE + language)
        .triggeredBy(fr ? new String[] {"Conciergerie", "réserver une table", "trouver un cadeau"}
            : new String[] {"Concierge", "book a table", "find a gift"})
        .ask("what", Prompt.text(t.get("what?")))
        .ask("when", Prompt.text(t.get("when?")))
        .ask("budget", Prompt.number(t.get("budget?")).validate(n -> n.signum() >= 0, fr ? "Un montant positif, svp."
            : "A positive amount, please."))
        .step("task", turn -> openTask(desk, turn, kindOf(turn.slots().string("what")), language))
        .build();
  }

  private static void openTask(BotService.Desk desk, Turn turn, TaskKind kind, String language) {
    Slots slots = turn.slots();
    TaskSlots task = TaskSlots.EMPTY;
    if (slots.has("what")) {
      task = task.withWhat(slots.string("what"));
    } else if (slots.has("order")) {
      task = task.withWhat(kind.wireName().replace('_', ' ') + ", order " + slots.string("order"));
    }
    if (slots.has("when")) {
      task = task.withWhen(slots.string("when"));
    }
    if (slots.has("budget") && slots.decimal("budget").signum() > 0) {
      task = task.withBudget(Money.ofMajor(slots.decimal("budget").setScale(2, java.math.RoundingMode.HALF_UP),
          Currency.getInstance("EUR")));
    }
    String notes = slots.has("problem") ? slots.string("problem") : slots.has("reason") ? slots.string("reason") : null;
    desk.concierge().open(turn.recipient(), kind, task.withNotes(notes), language, "bot");
  }

  private static TaskKind kindOf(String what) {
    String lower = what == null ? "" : what.toLowerCase(Locale.ROOT);
    if (lower.contains("table") || lower.contains("réserv") || lower.contains("book")) {
      return TaskKind.RESERVATION;
    }
    if (lower.contains("gift") || lower.contains("cadeau")) {
      return TaskKind.GIFT;
    }
    if (lower.contains("buy") || lower.contains("achet") || lower.contains("achat")) {
      return TaskKind.PURCHASE;
    }
    return TaskKind.OTHER;
  }
}
