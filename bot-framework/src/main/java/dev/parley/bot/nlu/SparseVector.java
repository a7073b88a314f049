package dev.parley.bot.nlu;

/**
 * A unit-length vector over feature ids: the word block and the letter-trigram block are each normalised and
 * then mixed, so the dot product of two vectors is {@code a * cos(words) + (1 - a) * cos(trigrams)}.
 */
record SparseVector(int[] ids, float[] values) {

  static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);
}
