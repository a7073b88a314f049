package dev.parley.testkit;

import java.net.URI;
import java.util.Objects;

/**
 * Checks of what a {@link PlatformSandbox} is configured and driven with (its builder, and the
 * accounts, customers and webhook targets added while it runs), so both refuse bad values alike:
 * at once, naming the field, the value cut short and the rule.
 */
final class SandboxArguments {
  private SandboxArguments() {}

  /** A Messenger page and the token its calls must carry. */
  static GraphState.Page page(String pageId, String accessToken) {
    return new GraphState.Page(id("pageId", pageId), text("accessToken", accessToken));
  }

  /** A WhatsApp business number; its business account id is derived from the phone-number id. */
  static GraphState.WhatsAppNumber number(String phoneNumberId, String displayPhoneNumber, String accessToken) {
    String id = id("phoneNumberId", phoneNumberId);
    String display = text("displayPhoneNumber", displayPhoneNumber);
    return new GraphState.WhatsAppNumber(id, display, "1" + id, text("accessToken", accessToken));
  }

  /** A webhook target: an absolute http or https URL. */
  static URI url(String field, String url) {
    URI uri;
    try {
      uri = URI.create(Objects.requireNonNull(url, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " '" + Redaction.cut(url) + "' is not a URL", e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(field + " '" + Redaction.cut(url) + "' must be an http or https URL");
    }
    return uri;
  }

  /** A played customer's display name. */
  static void customerName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("customer name must not be blank");
    }
  }

  /** A Graph node id: it stands in URL paths, and {@code me} there means the token's own page. */
  static String id(String field, String id) {
    if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}") || id.equals("me")) {
      throw new IllegalArgumentException(field + " '" + Redaction.cut(id)
          + "' must be 1 to 64 letters, digits, '.', '_' or '-' (and not 'me')");
    }
    return id;
  }

  /** A setting that must not be blank; its value is not quoted, as it is often a secret. */
  static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }
}
