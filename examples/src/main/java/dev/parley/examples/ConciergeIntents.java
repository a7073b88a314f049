package dev.parley.examples;

import dev.parley.bot.nlu.ExampleRecognizer;
import java.util.Locale;

/**
 * What the example concierge bot understands: its intents, each learnt from a few sentences in English and
 * French written as customers write them. The recognizer copes with typos, missing accents and word order on its
 * own ("mon colis est arrive abime", "where's my parcel??"), and tells the language of each message, so the
 * bot answers in the customer's. Thread-safe (constants).
 */
final class ConciergeIntents {
  static final String TRACK_ORDER = "track_order";
  static final String DELIVERY_PROBLEM = "delivery_problem";
  static final String RETURN = "return_request";
  static final String REFUND = "refund_request";
  static final String CONCIERGE = "concierge_request";
  /*
   * Not named after the bot's global intents ("human", "help"): a global intent is asked of the recognizer on
   * every message, even the answer to a flow's question, and a bare answer such as "A-1042" is too little text
   * to be sure it is not a request for a person. Inside flows, the handoff middleware's words and the global
   * intents' phrases still reach a person or the help text.
   */
  static final String HUMAN = "talk_to_human";
  static final String HELP = "ask_help";
  static final String GREETING = "greeting";

  private ConciergeIntents() {}

  static ExampleRecognizer recognizer() {
    return ExampleRecognizer.builder()
        .intent(TRACK_ORDER, Locale.ENGLISH, "where is my order", "track my package", "has my parcel shipped yet",
            "when will my order arrive", "what's the status of my order", "is my order on its way",
            "when will I receive my package", "where's my stuff", "how long until my parcel gets here",
            "has my order been dispatched")
        .intent(TRACK_ORDER, Locale.FRENCH, "où est ma commande", "suivre mon colis", "mon colis est-il parti ?",
            "quand vais-je recevoir ma commande", "quel est le statut de ma commande", "où en est ma livraison",
            "ma commande est-elle en route", "quand arrive mon colis", "où se trouve mon paquet",
            "je veux suivre ma commande")
        .intent(DELIVERY_PROBLEM, Locale.ENGLISH, "my package arrived damaged", "the parcel never arrived",
            "I received the wrong item", "something is missing from my order", "the box was broken when it arrived",
            "the tracking says delivered but I got nothing", "my parcel was lost",
            "there's a problem with my delivery", "the item I got is defective", "my parcel is damaged")
        .intent(DELIVERY_PROBLEM, Locale.FRENCH, "mon colis est arrivé abîmé", "je n'ai jamais reçu mon colis",
            "j'ai reçu le mauvais article", "il manque un produit dans ma commande",
            "le carton était cassé à l'arrivée", "le suivi indique livré mais je n'ai rien reçu",
            "mon colis a été perdu", "il y a un problème avec ma livraison", "l'article reçu est défectueux",
            "mon colis est endommagé")
        .intent(RETURN, Locale.ENGLISH, "I want to return an item", "how do I send this back",
            "can I exchange this for another size", "I'd like to return my order", "how do I get a return label",
            "the shoes don't fit, can I return them", "start a return", "I want to send it back")
        .intent(RETURN, Locale.FRENCH, "je veux retourner un article", "comment renvoyer ce produit",
            "je peux l'échanger contre une autre taille ?", "je voudrais retourner ma commande",
            "comment obtenir une étiquette de retour", "faire un retour", "je veux le renvoyer",
            "je souhaite renvoyer la robe")
        .intent(REFUND, Locale.ENGLISH, "I want a refund", "give me my money back", "when will I be refunded",
            "I was charged twice", "can I get reimbursed", "please refund my payment", "refund please",
            "I'd like to get my money back")
        .intent(REFUND, Locale.FRENCH, "je veux être remboursé", "rendez-moi mon argent", "quand serai-je remboursé",
            "j'ai été débité deux fois", "je peux avoir un remboursement ?", "remboursez mon paiement s'il vous plaît",
            "remboursement svp", "je voudrais récupérer mon argent")
        .intent(CONCIERGE, Locale.ENGLISH, "I'd like to book a table for tonight",
            "can you reserve a restaurant for four people", "I need a table for two tomorrow at 8pm",
            "can you book theatre tickets", "I need a gift for my wife", "help me find a present for my mother",
            "can you send flowers to my girlfriend", "find a present under 50 euros",
            "could you buy concert tickets for me", "I'm looking for a gift for a friend")
        .intent(CONCIERGE, Locale.FRENCH, "je voudrais réserver une table pour ce soir",
            "tu peux réserver un restaurant pour quatre personnes", "il me faut une table pour deux demain à 20h",
            "peux-tu réserver des places de théâtre", "j'ai besoin d'un cadeau pour ma femme",
            "aide-moi à trouver un cadeau pour ma mère", "tu peux envoyer des fleurs à ma copine",
            "trouve un cadeau à moins de 50 euros", "pouvez-vous acheter des places de concert pour moi",
            "je cherche un cadeau pour un ami")
        .intent(HUMAN, Locale.ENGLISH, "I want to talk to a human", "can I speak to an agent", "get me a real person",
            "transfer me to customer service", "I don't want a bot", "let me speak to someone", "live agent",
            "connect me to a human agent")
        .intent(HUMAN, Locale.FRENCH, "je veux parler à un humain", "je peux parler à un conseiller ?",
            "passez-moi une vraie personne", "transférez-moi au service client", "je ne veux pas d'un robot",
            "laissez-moi parler à quelqu'un", "un conseiller s'il vous plaît", "je préfère parler à une personne")
        .intent(HELP, Locale.ENGLISH, "help", "what can you do?", "how does this work", "I need some help",
            "what are my options", "show me the menu", "I'm lost", "what can I ask you")
        .intent(HELP, Locale.FRENCH, "aide", "que peux-tu faire ?", "comment ça marche", "j'ai besoin d'aide",
            "quelles sont les options", "montre-moi le menu", "je suis perdu", "qu'est-ce que je peux te demander")
        .intent(GREETING, Locale.ENGLISH, "hello", "hi there", "hey", "good morning", "good evening",
            "hello, anyone there?", "hi, how are you")
        .intent(GREETING, Locale.FRENCH, "bonjour", "salut", "bonsoir", "coucou", "bonjour, il y a quelqu'un ?",
            "salut, ça va ?", "bonjour madame")
        // New orders are the shop's to take, not the after-sales bot's: "order" must not read as "track my order".
        .outOfScope(Locale.ENGLISH, "I'd like to order the red dress", "I want to order two of these",
            "can I order this scarf in blue", "I'd like to place an order")
        .outOfScope(Locale.FRENCH, "je voudrais commander la robe rouge", "je veux commander deux pulls",
            "je peux commander cette écharpe en bleu", "je souhaite passer commande")
        .build();
  }
}
