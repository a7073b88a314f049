package dev.parley.bot.concierge;

import dev.parley.core.ParleyException;
import java.util.Locale;
import java.util.Objects;

/**
 * An action of the concierge desk, the handoff desk or the agent API that could not be done, with
 * what the caller can do about it ({@link Problem}) and a message in words for a person ("task #1042
 * is done; a done task cannot be claimed"). The agent HTTP API answers it as a 4xx JSON error.
 */
public class DeskException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, from the caller's side. */
  public enum Problem {
    /** No such conversation, task or order. */
    NOT_FOUND(404),
    /** The thing is in a state that forbids the action (claimed by someone else, already done). */
    CONFLICT(409),
    /** The request itself is wrong (a blank text, a negative amount). */
    INVALID(400),
    /** The messaging policy refuses the message now (the customer's window is closed). */
    REFUSED_BY_POLICY(422),
    /** The platform or payment provider refused or failed. */
    PLATFORM(502),
    /** No payment provider is configured. */
    PAYMENTS_OFF(503);

    private final int httpStatus;

    Problem(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status the agent API answers with. */
    public int httpStatus() {
      return httpStatus;
    }

    /** {@code "refused_by_policy"}: the code in the JSON error. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Problem problem;

  public DeskException(Problem problem, String message) {
    this(problem, message, null);
  }

  public DeskException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public Problem problem() {
    return problem;
  }
}
