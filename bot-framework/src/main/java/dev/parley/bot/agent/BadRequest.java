package dev.parley.bot.agent;

/** A 4xx answer of the agent API with its code and message; cheap to throw (no stack trace). */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;

  BadRequest(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static BadRequest methodNotAllowed(String method, String allowed) {
    return new BadRequest(405, "method_not_allowed", method + " is not allowed here; use " + allowed);
  }
}
