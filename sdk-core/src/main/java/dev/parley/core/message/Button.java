package dev.parley.core.message;

/**
 * A button under a message: open a URL, post a payload back to the business, or call a number.
 * Titles are at most 20 characters on both channels. Immutable and thread-safe.
 */
public sealed interface Button permits UrlButton, PostbackButton, CallButton {
  /** The text on the button. */
  String title();

  static UrlButton url(String title, String url) {
    return new UrlButton(title, url);
  }

  static PostbackButton postback(String title, String payload) {
    return new PostbackButton(title, payload);
  }

  static CallButton call(String title, String phoneNumber) {
    return new CallButton(title, phoneNumber);
  }
}
