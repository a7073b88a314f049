package dev.parley.core.conversation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.AuthenticationException;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.Recipient;
import dev.parley.core.RecipientUnavailableException;
import dev.parley.core.internal.send.GraphPageReader;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a Messenger customer's name and picture from the User Profile API, once, and keeps them in
 * the conversation store: Messenger webhooks carry only a page-scoped id, unlike WhatsApp, which
 * sends the contact's name with every message.
 *
 * <pre>{@code
 * MessengerProfileFetcher profiles = parley.profileFetcher();
 * Customer customer = profiles.ensureProfile(store, Recipient.messenger(pageId, psid));
 * }</pre>
 *
 * <p>It comes from {@link Parley#profileFetcher()} and uses that client's pages, app secret
 * ({@code appsecret_proof}), Graph base and version, timeouts, clock and Graph error mapping. The
 * request is {@code GET /{version}/{PSID}?fields=first_name,last_name,profile_pic} with the page
 * access token in the {@code Authorization} header, never in the URL. Meta only answers for
 * customers who wrote to the page, and the picture URL expires after a while. Thread-safe; tokens
 * never appear in logs, exception messages or {@link #toString()}.
 */
public final class MessengerProfileFetcher {
  private static final Logger log = LoggerFactory.getLogger(MessengerProfileFetcher.class);
  private static final Map<String, String> FIELDS = Map.of("fields", "first_name,last_name,profile_pic");

  private final GraphPageReader graph;
  private final Clock clock;

  /** Public for wiring only: get one from {@link Parley#profileFetcher()}. */
  public MessengerProfileFetcher(GraphPageReader graph, Clock clock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The customer behind {@code identity}, with their Messenger profile fetched if it never was. A
   * WhatsApp identity, or a customer whose profile was fetched before, costs no request. When Meta
   * refuses for good (the customer cannot be looked up), the attempt is recorded so it is not
   * repeated; when the platform or the network is down, the call is throttled or the token is
   * refused, it is tried again next time.
   */
  public Customer ensureProfile(ConversationStore store, Recipient identity) {
    Customer customer = store.customer(identity);
    if (customer.profileFetched() || identity.channel() != Channel.MESSENGER) {
      return customer;
    }
    try {
      return store.recordProfileFetch(customer.id(), fetch(identity), clock.instant());
    } catch (InvalidRequestException | RecipientUnavailableException e) {
      log.info("Messenger profile of {} is not available, not asking again: {}", identity.key(), e.getMessage());
      return store.recordProfileFetch(customer.id(), Profile.EMPTY, clock.instant());
    } catch (ParleyException e) {
      log.warn("Messenger profile of {} could not be fetched now: {}", identity.key(), e.getMessage());
      return customer;
    }
  }

  /**
   * Fetches the profile of a Messenger customer.
   *
   * @throws InvalidRequestException when Meta refuses to look the customer up, or the page is not configured
   * @throws AuthenticationException when the page token is refused
   * @throws PlatformUnavailableException when the Graph API fails
   * @throws ConnectionException when it cannot be reached
   */
  public Profile fetch(Recipient messengerCustomer) {
    if (messengerCustomer.channel() != Channel.MESSENGER) {
      throw new InvalidRequestException("the User Profile API is Messenger's; " + messengerCustomer.key()
          + " is on " + messengerCustomer.channel());
    }
    String what = "Messenger profile of " + messengerCustomer.userId() + " on page " + messengerCustomer.businessId();
    return parse(what, graph.get(messengerCustomer.businessId(), messengerCustomer.userId(), FIELDS, what));
  }

  private static Profile parse(String what, String body) {
    try {
      JsonObject json = JsonParser.parseString(body).getAsJsonObject();
      String first = text(json, "first_name");
      String last = text(json, "last_name");
      String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
      return new Profile(name, text(json, "profile_pic"), null, null);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new PlatformUnavailableException(what + ": the Graph API answered with something that is not a profile", e);
    }
  }

  private static String text(JsonObject json, String field) {
    JsonElement value = json.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  @Override
  public String toString() {
    return "MessengerProfileFetcher[pages " + graph.pages() + "]";
  }
}
