package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.AuthenticationException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.RateLimitedException;
import dev.parley.core.Recipient;
import dev.parley.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Messenger User Profile API, played by a MockWebServer, and the profile cached in the store;
 * the fetcher comes from a Parley client and follows its settings.
 */
class MessengerProfileFetcherTest {
  private static final String PAGE = "1001";
  private static final String TOKEN = "EAAGsecretPageToken42";
  private static final Recipient ADA = Recipient.messenger(PAGE, "psid-ada");

  private final TestClock clock = new TestClock();
  private final InMemoryConversationStore store = new InMemoryConversationStore(clock);
  private final MockWebServer server = new MockWebServer();
  private MessengerProfileFetcher profiles;

  @BeforeEach
  void start() throws Exception {
    server.start();
    profiles = parley().build().profileFetcher();
  }

  private Parley.Builder parley() {
    return Parley.builder().messengerPage(PAGE, TOKEN).whatsAppNumber("2002", "EAAGwhatsAppToken42")
        .graphApiBase(server.url("/").toString()).clock(clock);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
  }

  private static final String ADA_PROFILE =
      "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"profile_pic\":\"https://cdn.example/ada.jpg\",\"id\":\"psid-ada\"}";

  @Test
  void theRequestAsksForTheFieldsWithTheTokenInTheHeader() throws Exception {
    answer(200, ADA_PROFILE);

    Profile profile = profiles.fetch(ADA);

    assertEquals(new Profile("Ada Lovelace", "https://cdn.example/ada.jpg", null, null), profile);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET", request.getMethod());
    assertEquals("/v25.0/psid-ada", request.getUrl().encodedPath());
    assertEquals("first_name,last_name,profile_pic", request.getUrl().queryParameter("fields"));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    assertFalse(request.getUrl().toString().contains(TOKEN), "the token never travels in the URL");
  }

  @Test
  void theRequestCarriesTheAppSecretProofAndTheClientsGraphVersion() throws Exception {
    MessengerProfileFetcher withSecret = parley().appSecret("app-secret-7").graphVersion("v24.0").build()
        .profileFetcher();
    answer(200, ADA_PROFILE);

    withSecret.fetch(ADA);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/v24.0/psid-ada", request.getUrl().encodedPath());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("app-secret-7".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertEquals(HexFormat.of().formatHex(mac.doFinal(TOKEN.getBytes(StandardCharsets.UTF_8))),
        request.getUrl().queryParameter("appsecret_proof"));
    assertNull(server.takeRequest(0, TimeUnit.SECONDS), "one request");
  }

  @Test
  void aClientHasOneFetcher() {
    Parley parley = parley().build();

    assertSame(parley.profileFetcher(), parley.profileFetcher());
  }

  @Test
  void aThrottledLookupIsTriedAgainNextTime() {
    // HTTP 400 with code 4: Meta's application request limit, as the send path's error tables know it.
    answer(400, "{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4,"
        + "\"fbtrace_id\":\"Atrace3\"}}");
    answer(200, ADA_PROFILE);

    assertThrows(RateLimitedException.class, () -> profiles.fetch(ADA));
    Customer after = profiles.ensureProfile(store, ADA);

    assertEquals("Ada Lovelace", after.profile().name());
  }

  @Test
  void aProfileIsFetchedOnceAndKeptInTheStore() {
    answer(200, ADA_PROFILE);

    Customer first = profiles.ensureProfile(store, ADA);
    Customer second = profiles.ensureProfile(store, ADA);

    assertEquals(1, server.getRequestCount());
    assertEquals("Ada Lovelace", first.profile().name());
    assertEquals("https://cdn.example/ada.jpg", store.customer(ADA).profile().pictureUrl());
    assertEquals(clock.instant(), second.profileFetchedAt());
  }

  @Test
  void aWhatsAppCustomerCostsNoRequest() {
    Customer customer = profiles.ensureProfile(store, Recipient.whatsApp("2002", "15550001111"));

    assertEquals(0, server.getRequestCount());
    assertFalse(customer.profileFetched());
  }

  @Test
  void aProfileMetaRefusesIsNotAskedForAgain() {
    answer(400, "{\"error\":{\"message\":\"(#100) No profile available for that user\",\"code\":100,"
        + "\"error_subcode\":2018218,\"fbtrace_id\":\"Atrace1\"}}");

    Customer customer = profiles.ensureProfile(store, ADA);
    profiles.ensureProfile(store, ADA);

    assertEquals(1, server.getRequestCount());
    assertTrue(customer.profileFetched());
    assertNull(customer.profile().name());
  }

  @Test
  void anOutageIsTriedAgainNextTime() {
    answer(500, "{\"error\":{\"message\":\"An unexpected error has occurred\",\"code\":2,\"is_transient\":true}}");
    answer(200, ADA_PROFILE);

    Customer during = profiles.ensureProfile(store, ADA);
    Customer after = profiles.ensureProfile(store, ADA);

    assertFalse(during.profileFetched());
    assertEquals("Ada Lovelace", after.profile().name());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aRefusedTokenSaysSoWithoutShowingIt() {
    answer(400, "{\"error\":{\"message\":\"Error validating access token\",\"code\":190,\"fbtrace_id\":\"Atrace2\"}}");

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> profiles.fetch(ADA));

    assertEquals(Integer.valueOf(190), e.code());
    assertEquals("Atrace2", e.traceId());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertFalse(profiles.toString().contains(TOKEN), profiles.toString());
  }

  @Test
  void aPageWithoutATokenIsNamed() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> profiles.fetch(Recipient.messenger("9999", "psid-x")));

    assertTrue(e.getMessage().contains("9999"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
