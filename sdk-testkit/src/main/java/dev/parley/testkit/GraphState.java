package dev.parley.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Meta side of the sandbox: registered pages, WhatsApp numbers and templates, the customers,
 * and every message accepted. One monitor guards it all; senders and customers call in from many
 * threads. Thread-safe.
 */
final class GraphState {
  record Page(String pageId, String accessToken) {}

  record WhatsAppNumber(String phoneNumberId, String displayPhoneNumber, String wabaId, String accessToken) {
    /** Whether {@code token} is this number's access token, compared in constant time. */
    boolean ownsToken(String token) {
      return token != null && MessageDigest.isEqual(accessToken.getBytes(StandardCharsets.UTF_8),
          token.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final String appId;
  private final Map<String, Page> pages = new LinkedHashMap<>();
  private final Map<String, WhatsAppNumber> numbers = new LinkedHashMap<>();
  private final Map<String, WhatsAppTemplate> templates = new LinkedHashMap<>();
  private final Map<String, CustomerState> customers = new LinkedHashMap<>();
  private final List<SentMessage> sent = new ArrayList<>();
  private final MediaLibrary media = new MediaLibrary();

  GraphState(String appId) {
    this.appId = appId;
  }

  String appId() {
    return appId;
  }

  /** The files uploaded to the pages and numbers; guarded by its own monitor. */
  MediaLibrary media() {
    return media;
  }

  synchronized void addPage(Page page) {
    if (numbers.containsKey(page.pageId())) {
      throw new IllegalArgumentException("id " + page.pageId() + " is already a WhatsApp phone-number id");
    }
    pages.put(page.pageId(), page);
  }

  synchronized void addNumber(WhatsAppNumber number) {
    if (pages.containsKey(number.phoneNumberId())) {
      throw new IllegalArgumentException("id " + number.phoneNumberId() + " is already a Messenger page id");
    }
    numbers.put(number.phoneNumberId(), number);
  }

  synchronized void addTemplate(WhatsAppTemplate template) {
    templates.put(template.key(), template);
  }

  synchronized List<Page> pages() {
    return List.copyOf(pages.values());
  }

  synchronized List<WhatsAppNumber> numbers() {
    return List.copyOf(numbers.values());
  }

  synchronized List<WhatsAppTemplate> templates() {
    return List.copyOf(templates.values());
  }

  synchronized Page page(String pageId) {
    return pages.get(pageId);
  }

  synchronized WhatsAppNumber number(String phoneNumberId) {
    return numbers.get(phoneNumberId);
  }

  synchronized Page pageByToken(String token) {
    return pages.values().stream().filter(p -> p.accessToken().equals(token)).findFirst().orElse(null);
  }

  synchronized WhatsAppNumber numberByToken(String token) {
    return numbers.values().stream().filter(n -> n.accessToken().equals(token)).findFirst().orElse(null);
  }

  synchronized WhatsAppTemplate template(String name, String language) {
    return templates.get(WhatsAppTemplate.key(name, language));
  }

  synchronized CustomerState customer(SentMessage.Platform platform, String businessId, String userId) {
    return customers.get(key(platform, businessId, userId));
  }

  synchronized CustomerState addCustomer(SentMessage.Platform platform, String businessId, String userId, String name) {
    boolean known = platform == SentMessage.Platform.MESSENGER ? pages.containsKey(businessId)
        : numbers.containsKey(businessId);
    if (!known) {
      throw new IllegalArgumentException((platform == SentMessage.Platform.MESSENGER ? "page " : "WhatsApp number ")
          + businessId + " is not registered with the sandbox; add it first");
    }
    return customers.computeIfAbsent(key(platform, businessId, userId),
        k -> new CustomerState(platform, businessId, userId, name, appId));
  }

  synchronized List<CustomerState> customersOf(String businessId) {
    return customers.values().stream().filter(c -> c.businessId.equals(businessId)).toList();
  }

  /** Records an accepted message and wakes whoever waits for one. Call while holding this monitor. */
  synchronized void recordSent(CustomerState customer, SentMessage message, List<CustomerState.OfferedChoice> choices) {
    sent.add(message);
    if (customer != null) {
      customer.received.add(message);
      customer.offered.addAll(choices);
    }
    notifyAll();
  }

  synchronized List<SentMessage> sentMessages() {
    return List.copyOf(sent);
  }

  synchronized List<SentMessage> received(CustomerState customer) {
    return List.copyOf(customer.received);
  }

  /** The first accepted message matching, waiting up to {@code timeout} for it to arrive. */
  synchronized Optional<SentMessage> awaitSent(Predicate<SentMessage> matching, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<SentMessage> found = sent.stream().filter(matching).findFirst();
      long left = deadline - System.nanoTime();
      if (found.isPresent() || left <= 0) {
        return found;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** The customer's first {@code count} received messages, waiting up to {@code timeout}. */
  synchronized List<SentMessage> awaitReceived(CustomerState customer, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (customer.received.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("customer " + customer.userId + " received " + customer.received.size()
            + " message(s) within " + timeout + ", expected " + count + ": " + summaries(customer.received));
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(customer.received.subList(0, count));
  }

  private static List<String> summaries(List<SentMessage> messages) {
    return messages.stream().map(SentMessage::summary).toList();
  }

  private static String key(SentMessage.Platform platform, String businessId, String userId) {
    return platform + ":" + businessId + ":" + userId;
  }
}
