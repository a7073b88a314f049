package dev.parley.bot.nlu;

/** The rule for intent names, shared by the builders and the values. */
final class IntentNames {

  private IntentNames() {
  }

  static String require(String name) {
    if (name == null) {
      throw new IllegalArgumentException("intent name must not be null");
    }
    if (!valid(name)) {
      throw new IllegalArgumentException("intent name '" + cut(name) + "' is not allowed; use 1 to 64 lower-case"
          + " letters, digits, '_', '.' or '-', starting with a letter");
    }
    return name;
  }

  private static boolean valid(String name) {
    if (name.isEmpty() || name.length() > 64 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String cut(String value) {
    return value.length() <= 40 ? value : value.substring(0, 39) + "…";
  }
}
