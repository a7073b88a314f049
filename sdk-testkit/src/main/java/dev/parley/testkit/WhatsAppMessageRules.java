package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the non-template WhatsApp Cloud API message types against the documented shapes and limits
 * and renders them (platforms.md 2.2; Meta: whatsapp/messages/*): text body 4096; media by id or link,
 * captions 1024 on image, video and document only; interactive body 1024, footer 60, header text 60;
 * reply buttons 1 to 3 with ids of 256 and titles of 20, unique; lists with a button label of 20, 1 to 10
 * sections and at most 10 rows, row ids 200, titles 24, descriptions 72, section titles 24 (required
 * with more than one section); CTA URL display text 20. Thread-safe.
 */
final class WhatsAppMessageRules {
  private static final Fields F = Fields.WHATSAPP;
  private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

  private WhatsAppMessageRules() {}

  static RenderedMessage check(String type, JsonObject body) {
    if (MEDIA.contains(type)) {
      return media(type, F.requireObject(body, type, type));
    }
    switch (type) {
      case "text": {
        JsonObject text = F.requireObject(body, "text", "text");
        String content = F.requireText(text, "body", "text.body", 4096);
        return new RenderedMessage("text", content, List.of());
      }
      case "interactive":
        return interactive(F.requireObject(body, "interactive", "interactive"));
      case "reaction": {
        JsonObject reaction = F.requireObject(body, "reaction", "reaction");
        F.requireString(reaction, "message_id", "reaction.message_id");
        String emoji = F.optionalString(reaction, "emoji", "reaction.emoji");
        return new RenderedMessage("reaction", "[reaction] " + (emoji == null || emoji.isEmpty() ? "removed" : emoji),
            List.of());
      }
      case "location": {
        JsonObject location = F.requireObject(body, "location", "location");
        F.requireString(location, "latitude", "location.latitude");
        F.requireString(location, "longitude", "location.longitude");
        String name = F.optionalString(location, "name", "location.name");
        return new RenderedMessage("location", "[location] " + (name == null ? "" : name), List.of());
      }
      default:
        throw F.invalid("type '" + Redaction.cut(type) + "' is not one the sandbox emulates: text, image, video, "
            + "audio, document, sticker, interactive, template, reaction, location");
    }
  }

  private static RenderedMessage media(String type, JsonObject media) {
    String id = F.optionalString(media, "id", type + ".id");
    String link = F.optionalString(media, "link", type + ".link");
    if ((id == null) == (link == null)) {
      throw F.invalid(type + " needs exactly one of id or link");
    }
    if (link != null) {
      F.checkUrl(type + ".link", link);
    }
    String caption = F.optionalString(media, "caption", type + ".caption");
    if (caption != null) {
      if (!(type.equals("image") || type.equals("video") || type.equals("document"))) {
        throw F.invalid(type + ".caption is not allowed: only image, video and document take a caption");
      }
      F.checkLength(type + ".caption", caption, 1024);
    }
    if (media.has("filename") && !type.equals("document")) {
      throw F.invalid(type + ".filename is only allowed on documents");
    }
    String summary = "[" + type + "] " + (link != null ? link : "media " + id) + (caption == null ? "" : " " + caption);
    return new RenderedMessage(type, summary, List.of());
  }

  private static RenderedMessage interactive(JsonObject interactive) {
    String type = F.requireString(interactive, "type", "interactive.type");
    F.checkOneOf("interactive.type", type, "button", "list", "cta_url");
    JsonObject bodyObject = F.requireObject(interactive, "body", "interactive.body");
    String text = F.requireText(bodyObject, "text", "interactive.body.text", 1024);
    JsonObject footer = F.optionalObject(interactive, "footer", "interactive.footer");
    if (footer != null) {
      F.requireText(footer, "text", "interactive.footer.text", 60);
    }
    header(interactive, type);
    JsonObject action = F.requireObject(interactive, "action", "interactive.action");
    List<RenderedMessage.Offer> offers = new ArrayList<>();
    switch (type) {
      case "button":
        replyButtons(action, offers);
        return new RenderedMessage("interactive_button",
            RenderedMessage.withList(text, "buttons", offers.stream().map(RenderedMessage.Offer::title).toList()),
            offers);
      case "list": {
        String label = listRows(action, offers);
        return new RenderedMessage("interactive_list", RenderedMessage.withList(text, "list '" + label + "'",
            offers.stream().map(RenderedMessage.Offer::title).toList()), offers);
      }
      default: {
        String name = F.requireString(action, "name", "interactive.action.name");
        F.checkOneOf("interactive.action.name", name, "cta_url");
        JsonObject parameters = F.requireObject(action, "parameters", "interactive.action.parameters");
        String display = F.requireText(parameters, "display_text", "interactive.action.parameters.display_text", 20);
        String url = F.requireString(parameters, "url", "interactive.action.parameters.url");
        F.checkUrl("interactive.action.parameters.url", url);
        offers.add(new RenderedMessage.Offer("cta_url", display, url, null));
        return new RenderedMessage("cta_url", text + " [" + display + " → " + url + "]", offers);
      }
    }
  }

  private static void header(JsonObject interactive, String type) {
    JsonObject header = F.optionalObject(interactive, "header", "interactive.header");
    if (header == null) {
      return;
    }
    String headerType = F.requireString(header, "type", "interactive.header.type");
    if (type.equals("list")) {
      F.checkOneOf("interactive.header.type", headerType, "text");
    } else {
      F.checkOneOf("interactive.header.type", headerType, "text", "image", "video", "document");
    }
    if (headerType.equals("text")) {
      F.requireText(header, "text", "interactive.header.text", 60);
    } else {
      JsonObject media = F.requireObject(header, headerType, "interactive.header." + headerType);
      if (!media.has("id") && !media.has("link")) {
        throw F.invalid("interactive.header." + headerType + " needs an id or a link");
      }
    }
  }

  private static void replyButtons(JsonObject action, List<RenderedMessage.Offer> offers) {
    JsonArray buttons = F.requireArray(action, "buttons", "interactive.action.buttons");
    F.checkCount("interactive.action.buttons", buttons.size(), 1, 3);
    Set<String> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < buttons.size(); i++) {
      String f = "interactive.action.buttons[" + i + "]";
      JsonObject button = F.element(buttons, i, "interactive.action.buttons");
      F.checkOneOf(f + ".type", F.requireString(button, "type", f + ".type"), "reply");
      JsonObject reply = F.requireObject(button, "reply", f + ".reply");
      String id = F.requireText(reply, "id", f + ".reply.id", 256);
      String title = F.requireText(reply, "title", f + ".reply.title", 20);
      if (!ids.add(id)) {
        throw F.invalid(f + ".reply.id '" + Redaction.cut(id) + "' is used twice; button ids must be unique");
      }
      if (!titles.add(title)) {
        throw F.invalid(f + ".reply.title '" + Redaction.cut(title) + "' is used twice; button titles must be unique");
      }
      offers.add(new RenderedMessage.Offer("reply", title, id, null));
    }
  }

  private static String listRows(JsonObject action, List<RenderedMessage.Offer> offers) {
    String label = F.requireText(action, "button", "interactive.action.button", 20);
    JsonArray sections = F.requireArray(action, "sections", "interactive.action.sections");
    F.checkCount("interactive.action.sections", sections.size(), 1, 10);
    Set<String> ids = new HashSet<>();
    int rowCount = 0;
    for (int s = 0; s < sections.size(); s++) {
      String sf = "interactive.action.sections[" + s + "]";
      JsonObject section = F.element(sections, s, "interactive.action.sections");
      if (sections.size() > 1) {
        F.requireText(section, "title", sf + ".title", 24);
      } else {
        F.optionalText(section, "title", sf + ".title", 24);
      }
      JsonArray rows = F.requireArray(section, "rows", sf + ".rows");
      F.checkCount(sf + ".rows", rows.size(), 1, 10);
      for (int r = 0; r < rows.size(); r++) {
        String rf = sf + ".rows[" + r + "]";
        JsonObject row = F.element(rows, r, sf + ".rows");
        String id = F.requireText(row, "id", rf + ".id", 200);
        String title = F.requireText(row, "title", rf + ".title", 24);
        String description = F.optionalText(row, "description", rf + ".description", 72);
        if (!ids.add(id)) {
          throw F.invalid(rf + ".id '" + Redaction.cut(id) + "' is used twice; row ids must be unique");
        }
        offers.add(new RenderedMessage.Offer("list_row", title, id, description));
        rowCount++;
      }
    }
    F.checkCount("interactive.action.sections rows (all sections together)", rowCount, 1, 10);
    return label;
  }
}
