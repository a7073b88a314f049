package dev.parley.examples.agent;

/** The agent API refused a request; the message is the API's own, meant for the agent. */
public final class AgentApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  AgentApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the API answered: 401, 404, 409, 422... */
  public int status() {
    return status;
  }
}
