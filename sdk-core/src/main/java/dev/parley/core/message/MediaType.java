package dev.parley.core.message;

/** What a {@link Media} message carries. {@code FILE} is a Messenger file and a WhatsApp document. */
public enum MediaType {
  IMAGE,
  VIDEO,
  AUDIO,
  FILE
}
