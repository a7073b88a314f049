package dev.parley.bot.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The labelled utterances under {@code src/test/resources/nlu}: intent, language tag, sentence per line. */
record LabelledSet(List<LabelledSet.Utterance> utterances) {

  static final String OUT_OF_SCOPE = "out_of_scope";

  record Utterance(String intent, Locale language, String text) {
    boolean outOfScope() {
      return intent.equals(OUT_OF_SCOPE);
    }
  }

  static LabelledSet load(String resource) {
    List<Utterance> utterances = new ArrayList<>();
    try (InputStream in = LabelledSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length != 3) {
          throw new IllegalStateException(resource + ": expected intent, language and text in '" + line + "'");
        }
        utterances.add(new Utterance(fields[0], Locale.forLanguageTag(fields[1]), fields[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LabelledSet(List.copyOf(utterances));
  }

  /** A recognizer trained on this set, the way a bot developer would declare it. */
  ExampleRecognizer.Builder trainer() {
    ExampleRecognizer.Builder builder = ExampleRecognizer.builder();
    for (Utterance u : utterances) {
      if (u.outOfScope()) {
        builder.outOfScope(u.language(), u.text());
      } else {
        builder.intent(u.intent(), u.language(), u.text());
      }
    }
    return builder;
  }
}
