package dev.parley.core.internal.webhook;

import java.util.Arrays;

/**
 * The member names a parser looks for, with their hashes, so that {@link JsonScanner#name(JsonNames)}
 * matches a name as it scans it, without making a string of it. No two names may share a hash.
 * Immutable; shared by every parse.
 */
final class JsonNames {
  private final String[] names;
  private final char[][] chars;
  private final int[] hashes;

  JsonNames(String... names) {
    this.names = names.clone();
    this.chars = new char[names.length][];
    this.hashes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      chars[i] = names[i].toCharArray();
      hashes[i] = names[i].hashCode();
      for (int j = 0; j < i; j++) {
        if (hashes[j] == hashes[i]) {
          throw new IllegalArgumentException("names '" + names[j] + "' and '" + names[i] + "' share a hash");
        }
      }
    }
  }

  int size() {
    return names.length;
  }

  String get(int index) {
    return names[index];
  }

  /** The index of {@code name}, or -1. */
  int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the name that is {@code text[start, end)}, whose {@link String#hashCode} is {@code
   * hash}, or -1.
   */
  int indexOf(int hash, char[] text, int start, int end) {
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == hash) {
        char[] name = chars[i];
        return Arrays.equals(name, 0, name.length, text, start, end) ? i : -1;
      }
    }
    return -1;
  }
}
