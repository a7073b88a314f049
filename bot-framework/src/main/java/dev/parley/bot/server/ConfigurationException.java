package dev.parley.bot.server;

import dev.parley.core.ParleyException;

/**
 * The bot server's configuration is wrong: the message names the environment variable and says
 * what it should be (never echoing a secret). Start-up stops with it.
 */
public class ConfigurationException extends ParleyException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  public ConfigurationException(String variable, String message) {
    super(message);
    this.variable = variable;
  }

  /** The environment variable at fault, such as {@code PARLEY_APP_SECRET}. */
  public String variable() {
    return variable;
  }
}
