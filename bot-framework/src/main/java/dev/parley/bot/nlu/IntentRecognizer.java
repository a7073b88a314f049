package dev.parley.bot.nlu;

import java.util.Locale;

/**
 * Turns what a customer wrote into an {@link Understanding}: ranked intents with a confidence, the language of
 * the message and the entities in it. The bot runtime calls it once per inbound text.
 *
 * <p>The built-in implementation is {@link ExampleRecognizer}, trained from the bot developer's example
 * utterances. Another implementation puts an external NLU service or a large language model behind the same
 * call:
 *
 * <pre>{@code
 * final class LlmRecognizer implements IntentRecognizer {
 *   private final EntityExtractor entities = EntityExtractor.builder().zone(ZoneId.of("Europe/Paris")).build();
 *   private final MyLlmClient llm;                      // yours: HTTP client, prompt, JSON parsing
 *
 *   public Understanding recognize(String text, Locale hint) {
 *     LlmAnswer answer = llm.classify(text);           // e.g. {"intent": "track_order", "confidence": 0.93}
 *     return Understanding.builder(text)
 *         .language(answer.language())
 *         .intent(answer.intent(), answer.confidence())  // several calls rank several intents
 *         .entities(entities.extract(text, answer.language()))
 *         .threshold(0.6)                                 // below it the result is unknown
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * A remote implementation should bound its own latency (a timeout, then an unknown result) because the runtime
 * calls it inside a customer's turn, and should map its failures to an unknown result or a
 * {@code ParleyException}, never let a library's exception escape.
 *
 * <p>Implementations must be thread-safe: the runtime calls {@code recognize} from many conversations at once.
 */
public interface IntentRecognizer {

  /**
   * Understands one message.
   *
   * @param text what the customer wrote; must not be null (an empty text gives an unknown result)
   * @param languageHint the language the conversation is believed to be in (the customer's profile locale, the
   *     language of the previous message), or null; a recognizer uses it when the message itself says too little,
   *     as with "ok" or an order number alone
   * @return never null; {@link Understanding#isUnknown()} when no intent is confident enough
   */
  Understanding recognize(String text, Locale languageHint);

  /** Understands one message with no language hint. */
  default Understanding recognize(String text) {
    return recognize(text, null);
  }
}
