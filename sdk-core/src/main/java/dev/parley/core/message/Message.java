package dev.parley.core.message;

/**
 * A message to a customer, independent of the channel it goes out on. Every kind is an immutable
 * record, validated when built against the limits every channel shares; the send path validates it
 * again against the target channel's own limits when it renders it, and renders a documented
 * fallback where a channel lacks the kind:
 *
 * <table>
 *   <caption>How each kind goes out</caption>
 *   <tr><th>kind</th><th>Messenger</th><th>WhatsApp</th></tr>
 *   <tr><td>{@link Text}</td><td>text</td><td>text</td></tr>
 *   <tr><td>{@link Media}</td><td>attachment (caption follows as text)</td><td>image/video/audio/document</td></tr>
 *   <tr><td>{@link Buttons}</td><td>button template</td><td>reply buttons; one URL button: cta_url; otherwise links in the body</td></tr>
 *   <tr><td>{@link QuickReplies}</td><td>quick replies</td><td>up to 3: reply buttons; up to 10: a list</td></tr>
 *   <tr><td>{@link Carousel}</td><td>generic template</td><td>a list when every card starts with a postback; otherwise formatted text</td></tr>
 *   <tr><td>{@link Receipt}</td><td>receipt template (a URL button follows as a button template)</td><td>formatted text, with a cta_url button when it has one</td></tr>
 *   <tr><td>{@link OrderUpdate}</td><td>text or button template; POST_PURCHASE_UPDATE outside the window</td><td>text or cta_url inside the window; the configured UTILITY template outside</td></tr>
 *   <tr><td>{@link WhatsAppTemplate}</td><td>refused</td><td>template</td></tr>
 *   <tr><td>{@link RawMessage}</td><td>its Messenger JSON</td><td>its WhatsApp JSON</td></tr>
 * </table>
 *
 * Thread-safe: every implementation is immutable.
 */
public sealed interface Message
    permits Text, Media, Buttons, QuickReplies, Carousel, Receipt, OrderUpdate, WhatsAppTemplate, RawMessage {

  /** Plain text. */
  static Text text(String text) {
    return new Text(text);
  }
}
