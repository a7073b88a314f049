package dev.parley.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template the merchant registered (and Meta approved), so that the sandbox accepts
 * {@code type:"template"} sends of it and checks their parameters: header, body and button parameter
 * counts, named or positional. Placeholders are written as on Meta: {@code {{1}}}, {@code {{2}}}... or
 * {@code {{order_id}}}; one template uses one style.
 *
 * <pre>{@code
 * WhatsAppTemplate shipped = WhatsAppTemplate.builder("order_shipped", "en_US")
 *     .category(WhatsAppTemplate.Category.UTILITY)
 *     .body("Your order {{1}} is on its way. It should arrive on {{2}}.")
 *     .urlButton("Track parcel", "https://shop.example/track/{{1}}")
 *     .build();
 * }</pre>
 *
 * <p>Limits checked at build time (Meta: whatsapp/templates/components): name lowercase letters, digits
 * and underscores up to 512; header text 60; body 1024; footer 60; up to 10 buttons with text up to 25.
 * Immutable and thread-safe.
 *
 * @param name template name, e.g. {@code order_shipped}
 * @param language language code, e.g. {@code en_US} or {@code fr}
 * @param category utility, marketing or authentication
 * @param headerFormat none, text, or a media kind
 * @param headerText header text when the header format is text, else null
 * @param bodyText body text with placeholders
 * @param footerText footer text, or null
 * @param buttons the template's buttons, in index order
 */
public record WhatsAppTemplate(String name, String language, Category category, HeaderFormat headerFormat,
    String headerText, String bodyText, String footerText, List<Button> buttons) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

  /** Template category (since 2023-06). Order updates are {@code UTILITY}. */
  public enum Category {
    UTILITY,
    MARKETING,
    AUTHENTICATION
  }

  /** What a template's header shows. */
  public enum HeaderFormat {
    NONE,
    TEXT,
    IMAGE,
    VIDEO,
    DOCUMENT
  }

  /**
   * A template button. A URL button whose URL ends with a placeholder takes one text parameter (the suffix)
   * when sent; a quick-reply button may take one payload parameter.
   *
   * @param type the button type
   * @param text the label, up to 25 characters
   * @param value the URL of a URL button, the phone number of a call button, else null
   */
  public record Button(Type type, String text, String value) {
    /** Template button types the sandbox emulates. */
    public enum Type {
      QUICK_REPLY,
      URL,
      PHONE_NUMBER
    }

    public Button {
      Objects.requireNonNull(type, "type");
      requireText("button text", text, 25);
      if (type != Type.QUICK_REPLY && (value == null || value.isBlank())) {
        throw new IllegalArgumentException(type + " button '" + Redaction.cut(text) + "' needs a "
            + (type == Type.URL ? "URL" : "phone number"));
      }
    }

    boolean hasDynamicUrl() {
      return type == Type.URL && PLACEHOLDER.matcher(value).find();
    }
  }

  public WhatsAppTemplate {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("template name '" + Redaction.cut(name)
          + "' must be 1 to 512 lowercase letters, digits or underscores");
    }
    Objects.requireNonNull(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException("template language '" + Redaction.cut(language)
          + "' is not a language code such as en_US or fr");
    }
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(headerFormat, "headerFormat");
    if (headerFormat == HeaderFormat.TEXT) {
      requireText("header text", headerText, 60);
    } else if (headerText != null) {
      throw new IllegalArgumentException("header text is only allowed with header format TEXT, not " + headerFormat);
    }
    requireText("body", bodyText, 1024);
    if (footerText != null) {
      requireText("footer", footerText, 60);
    }
    buttons = List.copyOf(buttons);
    if (buttons.size() > 10) {
      throw new IllegalArgumentException("template " + name + " has " + buttons.size() + " buttons; WhatsApp allows 10");
    }
    placeholders(headerText == null ? "" : headerText);
    placeholders(bodyText);
  }

  /** A builder for a template with this name and language; category defaults to {@code UTILITY}. */
  public static Builder builder(String name, String language) {
    return new Builder(name, language);
  }

  /** The placeholder names of the header text, in order of first appearance. */
  List<String> headerPlaceholders() {
    return headerText == null ? List.of() : placeholders(headerText);
  }

  /** The placeholder names of the body, in order of first appearance. */
  List<String> bodyPlaceholders() {
    return placeholders(bodyText);
  }

  /** True when the body uses {@code {{order_id}}}-style names rather than numbers. */
  boolean usesNamedParameters() {
    List<String> body = bodyPlaceholders();
    return !body.isEmpty() && !Character.isDigit(body.get(0).charAt(0));
  }

  /** Replaces placeholders in {@code text} by the values, by name (or by position for {@code {{1}}}). */
  static String fill(String text, java.util.Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> placeholders(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    List<String> list = new ArrayList<>(names);
    boolean numeric = list.stream().allMatch(n -> n.chars().allMatch(Character::isDigit));
    boolean named = list.stream().noneMatch(n -> Character.isDigit(n.charAt(0)));
    if (!numeric && !named) {
      throw new IllegalArgumentException("template text '" + Redaction.cut(text)
          + "' mixes positional {{1}} and named placeholders; use one style");
    }
    if (numeric) {
      for (int i = 0; i < list.size(); i++) {
        if (!list.contains(String.valueOf(i + 1))) {
          throw new IllegalArgumentException("template text '" + Redaction.cut(text)
              + "' has placeholders " + list + "; positional placeholders must be {{1}} to {{" + list.size() + "}}");
        }
      }
      list.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    }
    return List.copyOf(list);
  }

  private static void requireText(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      throw new IllegalArgumentException(field + " '" + Redaction.cut(text) + "' is " + length
          + " characters; WhatsApp templates allow " + max);
    }
  }

  /** Builds a {@link WhatsAppTemplate}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final String name;
    private final String language;
    private Category category = Category.UTILITY;
    private HeaderFormat headerFormat = HeaderFormat.NONE;
    private String headerText;
    private String bodyText;
    private String footerText;
    private final List<Button> buttons = new ArrayList<>();

    private Builder(String name, String language) {
      this.name = name;
      this.language = language;
    }

    public Builder category(Category category) {
      this.category = Objects.requireNonNull(category, "category");
      return this;
    }

    /** A text header, which may hold one placeholder. */
    public Builder headerText(String text) {
      this.headerFormat = HeaderFormat.TEXT;
      this.headerText = text;
      return this;
    }

    /** A media header: sends must carry one image, video or document parameter for it. */
    public Builder headerMedia(HeaderFormat format) {
      if (format == HeaderFormat.TEXT || format == HeaderFormat.NONE) {
        throw new IllegalArgumentException("headerMedia takes IMAGE, VIDEO or DOCUMENT, not " + format);
      }
      this.headerFormat = format;
      this.headerText = null;
      return this;
    }

    public Builder body(String text) {
      this.bodyText = text;
      return this;
    }

    public Builder footer(String text) {
      this.footerText = text;
      return this;
    }

    public Builder quickReplyButton(String text) {
      buttons.add(new Button(Button.Type.QUICK_REPLY, text, null));
      return this;
    }

    /** A URL button; a URL ending with {@code {{1}}} takes its suffix as a parameter when sent. */
    public Builder urlButton(String text, String url) {
      buttons.add(new Button(Button.Type.URL, text, url));
      return this;
    }

    public Builder phoneNumberButton(String text, String phoneNumber) {
      buttons.add(new Button(Button.Type.PHONE_NUMBER, text, phoneNumber));
      return this;
    }

    public WhatsAppTemplate build() {
      return new WhatsAppTemplate(name, language, category, headerFormat, headerText, bodyText, footerText, buttons);
    }
  }

  String key() {
    return key(name, language);
  }

  static String key(String name, String language) {
    return name + "|" + language.toLowerCase(Locale.ROOT);
  }
}
