package dev.parley.bot.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The built-in {@link IntentRecognizer}: learns intents from example utterances in English and French when it is
 * built, in milliseconds, with no model to download.
 *
 * <pre>{@code
 * IntentRecognizer recognizer = ExampleRecognizer.builder()
 *     .intent("track_order", Locale.ENGLISH, "where is my order", "has my parcel shipped", "track my package")
 *     .intent("track_order", Locale.FRENCH, "où en est ma commande", "mon colis est parti ?", "suivre mon colis")
 *     .intent("talk_to_human", Locale.ENGLISH, "can I talk to a person", "agent please", "I want a human")
 *     .outOfScope(Locale.ENGLISH, "what's the weather like", "tell me a joke")   // optional, helps
 *     .entities(EntityExtractor.builder().zone(ZoneId.of("Europe/Paris")).build())
 *     .build();
 * Understanding u = recognizer.recognize("wher is my oder #12345", null);     // track_order, ENGLISH, OrderNumber
 * }</pre>
 *
 * <p>How it understands: the text is folded (case, accents, typographic quotes), its language told from function
 * words and the training vocabulary, misspelt words mapped to the closest known word, and the message compared
 * with every example by TF-IDF cosine over words, word pairs and letter trigrams; an intent scores the mean of
 * its three closest examples. The confidence is the probability that the message is one the bot handles, from
 * a logistic regression fitted at build time on leave-one-out trials over the examples; below the
 * {@linkplain Builder#threshold(double) threshold} the result is {@linkplain Understanding#isUnknown() unknown}.
 * Out-of-scope examples, the developer's and a built-in set of small talk and general questions, teach it what
 * to refuse. On Parley's labelled set (10 intents, 20 examples per intent and language) it gets 90 % of unseen
 * in-domain sentences right and refuses 95 % of out-of-domain ones; more and more varied examples do better.
 *
 * <p>Texts longer than {@link Builder#maxTextLength(int)} are understood from their beginning only, so the cost
 * of a message is bounded. Immutable and thread-safe: build one at start-up and share it.
 */
public final class ExampleRecognizer implements IntentRecognizer {

  private static final int MAX_RANKED = 10;

  private final ExampleModel model;
  private final EntityExtractor entities;
  private final double threshold;
  private final int maxTextLength;

  private ExampleRecognizer(Builder builder) {
    this.model = ExampleModel.train(builder.examples, builder.builtInOutOfScope, builder.defaultLanguage);
    this.entities = builder.entities != null ? builder.entities : EntityExtractor.builder().build();
    this.threshold = builder.threshold;
    this.maxTextLength = builder.maxTextLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Understanding recognize(String text, Locale languageHint) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null; pass \"\" for a message without text");
    }
    String considered = cut(text, maxTextLength);
    String folded = TextFolding.fold(considered);
    List<String> tokens = TextFolding.tokens(folded);
    Language language = model.detectLanguage(considered, tokens, Language.of(languageHint));
    ExampleModel.Scores scores = model.score(tokens, language);
    List<ScoredIntent> ranking = new ArrayList<>();
    for (int c = 0; c < model.intentCount(); c++) {
      if (scores.similarity(c) > 0) {
        ranking.add(ScoredIntent.of(model.intentName(c), scores.confidence(c)));
      }
    }
    ranking.sort(Comparator.comparingDouble(ScoredIntent::confidence).reversed()
        .thenComparing(ScoredIntent::name));
    if (ranking.size() > MAX_RANKED) {
      ranking = ranking.subList(0, MAX_RANKED);
    }
    return new Understanding(text, language.locale(), ranking,
        entities.extract(considered, language.locale()), threshold);
  }

  /** The intents this recognizer knows, in the order they were declared. */
  public List<String> intents() {
    return model.intentNames();
  }

  @Override
  public String toString() {
    return "ExampleRecognizer{intents=" + model.intentNames() + ", threshold=" + threshold + '}';
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** Collects examples and settings; {@link #build()} trains. Not thread-safe. */
  public static final class Builder {
    static final int MAX_EXAMPLE_LENGTH = 500;

    private final List<ExampleModel.Example> examples = new ArrayList<>();
    private boolean builtInOutOfScope = true;
    private double threshold = 0.5;
    private int maxTextLength = 4096;
    private EntityExtractor entities;
    private Language defaultLanguage;

    private Builder() {
    }

    /**
     * Adds examples of one intent in one language; call again to add more or another language. A handful to
     * twenty varied sentences per intent and language work well; write them as customers would.
     */
    public Builder intent(String name, Locale language, String... examples) {
      IntentNames.require(name);
      if (Understanding.UNKNOWN.equals(name) || ExampleModel.OUT_OF_SCOPE.equals(name)) {
        throw new IllegalArgumentException("intent name '" + name + "' is reserved");
      }
      return add(name, language, examples);
    }

    /**
     * Adds sentences this bot must not take for any intent (small talk, questions for another business). Optional:
     * a built-in set is used too, unless {@link #builtInOutOfScope(boolean)} turns it off.
     */
    public Builder outOfScope(Locale language, String... examples) {
      return add(ExampleModel.OUT_OF_SCOPE, language, examples);
    }

    /** Whether to learn from Parley's own out-of-scope sentences as well as yours; on unless turned off. */
    public Builder builtInOutOfScope(boolean enabled) {
      this.builtInOutOfScope = enabled;
      return this;
    }

    /** The confidence, in [0, 1], below which a result is unknown; 0.5 unless set. */
    public Builder threshold(double threshold) {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold is " + threshold + "; it must be between 0 and 1");
      }
      this.threshold = threshold;
      return this;
    }

    /** How much of a message is read, in characters (4,096, WhatsApp's text limit, unless set); 16 to 100,000. */
    public Builder maxTextLength(int maxTextLength) {
      if (maxTextLength < 16 || maxTextLength > 100_000) {
        throw new IllegalArgumentException("maxTextLength is " + maxTextLength + "; it must be 16 to 100000");
      }
      this.maxTextLength = maxTextLength;
      return this;
    }

    /** The entity extractor (its clock, zone and order-number pattern); a default one unless set. */
    public Builder entities(EntityExtractor entities) {
      this.entities = Objects.requireNonNull(entities, "entities");
      return this;
    }

    /** The language of messages that give no clue and come without a hint; the first example's unless set. */
    public Builder defaultLanguage(Locale language) {
      this.defaultLanguage = supported(language);
      return this;
    }

    /**
     * Trains the recognizer.
     *
     * @throws IllegalArgumentException when no intent was declared, an intent has fewer than two examples, or
     *     one sentence is given to two intents
     */
    public ExampleRecognizer build() {
      return new ExampleRecognizer(this);
    }

    private Builder add(String name, Locale locale, String... sentences) {
      Language language = supported(locale);
      if (sentences == null || sentences.length == 0) {
        throw new IllegalArgumentException("intent '" + name + "' needs at least one example sentence");
      }
      for (String sentence : sentences) {
        if (sentence == null || sentence.isBlank()) {
          throw new IllegalArgumentException("intent '" + name + "' has a blank example");
        }
        if (sentence.length() > MAX_EXAMPLE_LENGTH) {
          throw new IllegalArgumentException("example '" + IntentNames.cut(sentence) + "' of intent '" + name
              + "' is " + sentence.length() + " characters; examples may have " + MAX_EXAMPLE_LENGTH);
        }
        examples.add(new ExampleModel.Example(name, language, sentence));
      }
      if (defaultLanguage == null) {
        defaultLanguage = language;
      }
      return this;
    }

    private static Language supported(Locale locale) {
      Objects.requireNonNull(locale, "language");
      Language language = Language.of(locale);
      if (language == null) {
        throw new IllegalArgumentException("language '" + locale + "' is not supported; the built-in recognizer"
            + " understands en and fr (put another recognizer behind IntentRecognizer for more)");
      }
      return language;
    }
  }
}
