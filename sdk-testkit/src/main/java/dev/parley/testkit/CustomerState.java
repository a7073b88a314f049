package dev.parley.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the sandbox knows about one customer of one page or number: profile, last message (the
 * window), availability, thread owner, messages received and the choices they offered. Guarded by
 * the {@link GraphState} lock: every access happens while holding it.
 */
final class CustomerState {
  final SentMessage.Platform platform;
  final String businessId;
  final String userId;
  final String name;
  Instant lastInbound;
  boolean available = true;
  String threadOwnerAppId;
  final List<SentMessage> received = new ArrayList<>();
  final List<OfferedChoice> offered = new ArrayList<>();
  final Set<String> inboundMessageIds = new HashSet<>();
  int deliveredCount;
  int readCount;

  CustomerState(SentMessage.Platform platform, String businessId, String userId, String name, String ownerAppId) {
    this.platform = platform;
    this.businessId = businessId;
    this.userId = userId;
    this.name = name;
    this.threadOwnerAppId = ownerAppId;
  }

  String firstName() {
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }

  String lastName() {
    int space = name.indexOf(' ');
    return space < 0 ? "" : name.substring(space + 1);
  }

  /**
   * A choice a business message offered: its kind ({@code quick_reply}, {@code postback}, {@code web_url},
   * {@code reply}, {@code list_row}, {@code template_quick_reply}, {@code template_url}, {@code cta_url}),
   * title, and the payload, id or URL the platform returns when it is chosen.
   */
  record OfferedChoice(String messageId, String kind, String title, String value, String description) {}
}
