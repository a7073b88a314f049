package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;
import java.util.List;

/**
 * An approved WhatsApp message template: its name, language code ({@code en_US}), the values of its
 * body variables, and the suffix appended to its first URL button's approved base URL (or null).
 * The only kind WhatsApp delivers outside the customer's 24-hour window; Messenger has no templates
 * and refuses it. Immutable and thread-safe.
 *
 * <pre>{@code
 * WhatsAppTemplate shipped = WhatsAppTemplate.of("order_shipped", "en_US",
 *     TemplateParameter.text("A-1001"), TemplateParameter.text("14 July")).withUrlButtonSuffix("A-1001");
 * }</pre>
 */
public record WhatsAppTemplate(String name, String languageCode, List<TemplateParameter> parameters,
    String urlButtonSuffix) implements Message {

  public WhatsAppTemplate {
    Limits.requireText("template name", name, 512, "WhatsApp");
    if (!name.matches("[a-z0-9_]+")) {
      throw new InvalidRequestException("template name " + Limits.quote(name)
          + " must be lower-case letters, digits and underscores; WhatsApp allows nothing else");
    }
    Limits.requireText("template languageCode", languageCode, 15, "WhatsApp");
    if (!languageCode.matches("[a-z]{2,3}(_[A-Za-z0-9]{2,8})?")) {
      throw new InvalidRequestException("template languageCode " + Limits.quote(languageCode)
          + " is not a WhatsApp language code like en or en_US");
    }
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    Limits.requireCount("template parameters", parameters, 0, 100, "WhatsApp");
    Limits.optionalText("template urlButtonSuffix", urlButtonSuffix, 2000, "WhatsApp");
  }

  public static WhatsAppTemplate of(String name, String languageCode, TemplateParameter... parameters) {
    return new WhatsAppTemplate(name, languageCode, List.of(parameters), null);
  }

  public WhatsAppTemplate withUrlButtonSuffix(String suffix) {
    return new WhatsAppTemplate(name, languageCode, parameters, suffix);
  }
}
