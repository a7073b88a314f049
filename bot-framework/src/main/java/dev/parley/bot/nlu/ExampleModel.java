package dev.parley.bot.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ExampleRecognizer} learns from its examples: the intents, the vocabulary for typo correction and
 * language detection, the example index and the fitted confidence model. Immutable and thread-safe.
 */
final class ExampleModel {

  /** The pseudo-intent of sentences no intent should claim. */
  static final String OUT_OF_SCOPE = "out_of_scope";
  private static final String BUILT_IN_OUT_OF_SCOPE = "out-of-scope.tsv";

  record Example(String intent, Language language, String text) {
  }

  /** Similarities and confidences of one message for each intent. */
  record Scores(double[] similarities, double[] confidences) {
    double similarity(int intent) {
      return similarities[intent];
    }

    double confidence(int intent) {
      return confidences[intent];
    }
  }

  private final List<String> intentNames;
  private final TypoCorrector corrector;
  private final LanguageDetector detector;
  private final ExampleIndex index;
  private final ConfidenceModel confidence;

  private ExampleModel(List<String> intentNames, TypoCorrector corrector,
      LanguageDetector detector, ExampleIndex index, ConfidenceModel confidence) {
    this.intentNames = List.copyOf(intentNames);
    this.corrector = corrector;
    this.detector = detector;
    this.index = index;
    this.confidence = confidence;
  }

  static ExampleModel train(List<Example> declared, boolean builtInOutOfScope, Language defaultLanguage) {
    Map<String, Integer> intentExamples = new LinkedHashMap<>();
    for (Example example : declared) {
      if (!example.intent().equals(OUT_OF_SCOPE)) {
        intentExamples.merge(example.intent(), 1, Integer::sum);
      }
    }
    if (intentExamples.isEmpty()) {
      throw new IllegalArgumentException("no intent declared; call intent(name, language, examples...) first");
    }
    intentExamples.forEach((name, count) -> {
      if (count < 2) {
        throw new IllegalArgumentException("intent '" + name + "' has " + count + " example; give at least 2"
            + " (a handful to twenty varied sentences per language work best)");
      }
    });
    List<Example> examples = deduplicate(declared);
    if (builtInOutOfScope) {
      Set<String> declaredSentences = new HashSet<>();
      examples.forEach(example -> declaredSentences.add(key(example.text())));
      builtInOutOfScope().stream()
          .filter(example -> !declaredSentences.contains(key(example.text())))
          .forEach(examples::add);
    }
    List<String> names = new ArrayList<>(intentExamples.keySet());
    boolean hasOutOfScope = examples.stream().anyMatch(e -> e.intent().equals(OUT_OF_SCOPE));
    int classCount = names.size() + (hasOutOfScope ? 1 : 0);

    List<List<String>> tokens = new ArrayList<>();
    Map<String, Integer> frequencies = new HashMap<>();
    Set<String> english = new HashSet<>();
    Set<String> french = new HashSet<>();
    for (Example example : examples) {
      List<String> exampleTokens = TextFolding.tokens(TextFolding.fold(example.text()));
      tokens.add(exampleTokens);
      for (String token : exampleTokens) {
        frequencies.merge(token, 1, Integer::sum);
        (example.language() == Language.ENGLISH ? english : french).add(token);
      }
    }
    for (Language language : Language.values()) {
      for (String word : language.functionWords()) {
        frequencies.putIfAbsent(word, 1);
      }
    }
    Set<String> onlyEnglish = new HashSet<>(english);
    onlyEnglish.removeAll(french);
    Set<String> onlyFrench = new HashSet<>(french);
    onlyFrench.removeAll(english);

    List<TextFeatures.Counts> counts = new ArrayList<>();
    int[] classes = new int[examples.size()];
    for (int e = 0; e < examples.size(); e++) {
      Example example = examples.get(e);
      counts.add(TextFeatures.count(tokens.get(e), example.language(), null));
      classes[e] = example.intent().equals(OUT_OF_SCOPE) ? names.size() : names.indexOf(example.intent());
    }
    ExampleIndex index = new ExampleIndex(counts, classes, classCount);
    ConfidenceModel confidence = ConfidenceModel.fit(trials(index, counts, names.size()));
    return new ExampleModel(names, new TypoCorrector(frequencies),
        new LanguageDetector(onlyEnglish, onlyFrench, defaultLanguage), index, confidence);
  }

  int intentCount() {
    return intentNames.size();
  }

  String intentName(int intent) {
    return intentNames.get(intent);
  }

  List<String> intentNames() {
    return intentNames;
  }

  Language detectLanguage(String text, List<String> tokens, Language hint) {
    return detector.detect(text, tokens, hint);
  }

  Scores score(List<String> tokens, Language language) {
    TextFeatures.Counts counts = TextFeatures.count(tokens, language, corrector);
    double[] classScores = index.classScores(index.vector(counts), -1);
    return scores(classScores, intentNames.size(), counts.coverage(), confidence);
  }

  private static Scores scores(double[] classScores, int intents, double coverage, ConfidenceModel model) {
    double[] confidences = new double[intents];
    double outOfScope = classScores.length > intents ? classScores[intents] : 0;
    for (int c = 0; c < intents; c++) {
      confidences[c] = model.confidence(classScores[c], classScores[c] - outOfScope, coverage);
    }
    return new Scores(java.util.Arrays.copyOf(classScores, intents), confidences);
  }

  /** Each example recognized against all the others: did the right intent come out on top? */
  private static List<ConfidenceModel.Trial> trials(ExampleIndex index, List<TextFeatures.Counts> counts,
      int intents) {
    List<ConfidenceModel.Trial> trials = new ArrayList<>();
    for (int e = 0; e < index.exampleCount(); e++) {
      double[] classScores = index.classScores(index.exampleVector(e), e);
      int best = 0;
      for (int c = 1; c < intents; c++) {
        if (classScores[c] > classScores[best]) {
          best = c;
        }
      }
      double outOfScope = classScores.length > intents ? classScores[intents] : 0;
      trials.add(new ConfidenceModel.Trial(classScores[best], classScores[best] - outOfScope,
          counts.get(e).coverage(), index.classOf(e) < intents));
    }
    return trials;
  }

  /** Drops repeated sentences of one intent; one sentence given to two intents is a mistake worth stopping for. */
  private static List<Example> deduplicate(List<Example> examples) {
    Map<String, Example> seen = new LinkedHashMap<>();
    for (Example example : examples) {
      Example earlier = seen.putIfAbsent(key(example.text()), example);
      if (earlier != null && !earlier.intent().equals(example.intent())) {
        throw new IllegalArgumentException("example '" + IntentNames.cut(example.text()) + "' is given to both '"
            + earlier.intent() + "' and '" + example.intent() + "'");
      }
    }
    return new ArrayList<>(seen.values());
  }

  private static String key(String sentence) {
    return String.join(" ", TextFolding.tokens(TextFolding.fold(sentence)));
  }

  private static List<Example> builtInOutOfScope() {
    List<Example> examples = new ArrayList<>();
    try (InputStream in = ExampleModel.class.getResourceAsStream(BUILT_IN_OUT_OF_SCOPE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUILT_IN_OUT_OF_SCOPE + " is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int tab = line.indexOf('\t');
        if (line.isBlank() || line.startsWith("#") || tab < 0) {
          continue;
        }
        Language language = Language.of(Locale.forLanguageTag(line.substring(0, tab)));
        examples.add(new Example(OUT_OF_SCOPE, language, line.substring(tab + 1).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILT_IN_OUT_OF_SCOPE, e);
    }
    return examples;
  }
}
