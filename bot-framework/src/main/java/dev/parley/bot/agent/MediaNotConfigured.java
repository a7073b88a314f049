package dev.parley.bot.agent;

/**
 * The WhatsApp number a customer wrote to has no token on the client, so its media cannot be
 * fetched: the agent HTTP API answers 501 {@code not_configured}.
 */
final class MediaNotConfigured extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  MediaNotConfigured(String message) {
    super(message);
  }
}
