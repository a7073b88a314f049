package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.StripeException;
import dev.parley.core.AuthenticationException;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.PlatformUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckoutButtonsTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void orderBecomesACheckoutSessionWithEverythingStripeNeeds() {
    Order order = Harness.order().toBuilder().customerEmail("ada@example.com").build();
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_1", Harness.NOW.plusSeconds(86_340)));

    h.checkout.create(order);

    RecordedRequest request = h.take();
    assertEquals("POST", request.getMethod());
    assertEquals("/v1/checkout/sessions", request.getUrl().encodedPath());
    Map<String, List<String>> form = Harness.form(request);
    assertEquals("payment", Fixtures.one(form, "mode"));
    assertEquals("ord_1001", Fixtures.one(form, "client_reference_id"));
    assertEquals("2", Fixtures.one(form, "line_items[0][quantity]"));
    assertEquals("eur", Fixtures.one(form, "line_items[0][price_data][currency]"));
    assertEquals("1800", Fixtures.one(form, "line_items[0][price_data][unit_amount]"));
    assertEquals("Espresso beans 1 kg", Fixtures.one(form, "line_items[0][price_data][product_data][name]"));
    assertEquals("https://shop.example/img/beans.jpg", Fixtures.one(form, "line_items[0][price_data][product_data][images][0]"));
    assertEquals("600", Fixtures.one(form, "shipping_options[0][shipping_rate_data][fixed_amount][amount]"));
    assertEquals("Express", Fixtures.one(form, "shipping_options[0][shipping_rate_data][display_name]"));
    for (String prefix : List.of("metadata", "payment_intent_data[metadata]")) {
      assertEquals("ord_1001", Fixtures.one(form, prefix + "[parley_order_id]"), prefix);
      assertEquals("1", Fixtures.one(form, prefix + "[parley_order_version]"), prefix);
      assertEquals("conv_77", Fixtures.one(form, prefix + "[parley_conversation_id]"), prefix);
      assertEquals("messenger:1001:psid_42", Fixtures.one(form, prefix + "[parley_customer]"), prefix);
    }
    assertEquals(Harness.SUCCESS_URL, Fixtures.one(form, "success_url"));
    assertEquals(Harness.CANCEL_URL, Fixtures.one(form, "cancel_url"));
    assertEquals("ada@example.com", Fixtures.one(form, "customer_email"));
    long expiresAt = Long.parseLong(Fixtures.one(form, "expires_at"));
    assertTrue(expiresAt >= Harness.NOW.plus(Duration.ofMinutes(30)).getEpochSecond());
    assertTrue(expiresAt <= Harness.NOW.plus(Duration.ofHours(24)).getEpochSecond());
    assertEquals("parley-checkout:ord_1001:v1:a1", request.getHeaders().get("Idempotency-Key"));
    assertTrue(request.getHeaders().get("Authorization").endsWith(Harness.API_KEY));
  }

  @Test
  void tenantIdTravelsInMetadataAndKeys() {
    try (Harness tenant = new Harness(PaymentStore.inMemory(), b -> b.tenantId("shop-42"))) {
      tenant.server.enqueue(Harness.sessionCreated(Harness.order(), "cs_test_t", Harness.NOW.plusSeconds(86_340)));
      tenant.checkout.create(Harness.order());
      RecordedRequest request = tenant.take();
      Map<String, List<String>> form = Harness.form(request);
      assertEquals("shop-42", Fixtures.one(form, "metadata[parley_tenant_id]"));
      assertEquals("shop-42", Fixtures.one(form, "payment_intent_data[metadata][parley_tenant_id]"));
      assertEquals("parley-checkout:shop-42:ord_1001:v1:a1", request.getHeaders().get("Idempotency-Key"));
    }
  }

  @Test
  void returnsAPayButtonWithTheFormattedTotal() {
    PaymentLink link = h.open(Harness.order(), "cs_test_1");

    assertEquals("Pay €42.00", link.label());
    assertEquals("cs_test_1", link.sessionId());
    assertTrue(link.url().startsWith("https://checkout.stripe.com/c/pay/cs_test_1"));
    assertEquals(Money.parse("42.00", "EUR"), link.amount());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertEquals("cs_test_1", h.state("ord_1001").sessionId());
  }

  @Test
  void labelsFollowTheLocaleAndFallBackWhenTooLong() {
    CheckoutButtons french = h.checkout.newBuilder().locale(Locale.FRANCE).buttonLabel("Payer {amount}", "Payer").build();
    assertEquals("Payer 42,00 €", french.label(Money.parse("42.00", "EUR")).replace('\u202f', ' ').replace('\u00a0', ' '));
    assertEquals("Pay ¥4,200", h.checkout.newBuilder().locale(Locale.JAPAN).build().label(Money.of(4200, "JPY")).replace('￥', '¥'));
    CheckoutButtons wordy = h.checkout.newBuilder().buttonLabel("Complete payment {amount}", "Pay now").build();
    assertEquals("Pay now", wordy.label(Money.parse("42.00", "EUR")), "'Complete payment €42.00' is 23 characters");
    assertEquals("Pay $9,999.99", h.checkout.label(Money.parse("9999.99", "USD")));
  }

  @Test
  void stripeRetriesOfOneCreateCarryTheSameIdempotencyKey() {
    Order order = Harness.order();
    h.server.enqueue(Harness.json(500, Fixtures.text("error_api.json")));
    h.server.enqueue(Harness.json(500, Fixtures.text("error_api.json")));
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_retry", Harness.NOW.plusSeconds(86_340)));

    PaymentLink link = h.checkout.create(order);

    assertEquals("cs_test_retry", link.sessionId());
    assertEquals(3, h.server.getRequestCount());
    String first = h.take().getHeaders().get("Idempotency-Key");
    assertEquals("parley-checkout:ord_1001:v1:a1", first);
    assertEquals(first, h.take().getHeaders().get("Idempotency-Key"));
    assertEquals(first, h.take().getHeaders().get("Idempotency-Key"));
  }

  @Test
  void callingCreateAgainAfterAFailureRepeatsTheSameRequest() {
    Order order = Harness.order();
    h.server.enqueue(new MockResponse.Builder(Harness.json(500, Fixtures.text("error_api.json")))
        .setHeader("Stripe-Should-Retry", "false")
        .build());

    PlatformUnavailableException down = assertThrows(PlatformUnavailableException.class, () -> h.checkout.create(order));
    assertInstanceOf(StripeException.class, down.getCause());
    assertTrue(down.isTransient());
    assertEquals(PaymentStatus.CREATED, h.state("ord_1001").status());

    h.clock.advance(Duration.ofMinutes(2));
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_once", Harness.NOW.plusSeconds(86_340)));
    PaymentLink link = h.checkout.create(order);

    assertEquals("cs_test_once", link.sessionId());
    RecordedRequest first = h.take();
    RecordedRequest retry = h.take();
    assertEquals("parley-checkout:ord_1001:v1:a1", first.getHeaders().get("Idempotency-Key"));
    assertEquals(first.getHeaders().get("Idempotency-Key"), retry.getHeaders().get("Idempotency-Key"));
    assertEquals(Harness.form(first), Harness.form(retry), "Stripe refuses a reused key whose parameters changed");
  }

  @Test
  void theSameOrderVersionGetsTheOpenPageBackWithoutCallingStripe() {
    PaymentLink first = h.open(Harness.order(), "cs_test_1");

    PaymentLink again = h.checkout.create(Harness.order());

    assertEquals(first, again);
    assertEquals(1, h.server.getRequestCount());
  }

  @Test
  void aNewOrderVersionGetsANewSessionAndExpiresTheOldOne() {
    h.open(Harness.order(), "cs_test_v1");
    Order v2 = Harness.order().toBuilder().version(2).item("Grinder", 1, Money.parse("30.00", "EUR")).build();
    h.server.enqueue(Harness.sessionCreated(v2, "cs_test_v2", Harness.NOW.plusSeconds(86_340)));
    h.server.enqueue(Harness.json(200, Fixtures.text("checkout_session_expired_response.json")));

    PaymentLink link = h.checkout.create(v2);

    assertEquals("Pay €72.00", link.label());
    RecordedRequest create = h.take();
    assertEquals("parley-checkout:ord_1001:v2:a1", create.getHeaders().get("Idempotency-Key"));
    RecordedRequest expire = h.take();
    assertEquals("/v1/checkout/sessions/cs_test_v1/expire", expire.getUrl().encodedPath());
    PaymentState state = h.state("ord_1001");
    assertEquals(2, state.orderVersion());
    assertEquals("cs_test_v2", state.sessionId());
    assertEquals(Money.parse("72.00", "EUR"), state.total());
  }

  @Test
  void anOlderOrChangedVersionIsRefused() {
    Order v2 = Harness.order().toBuilder().version(2).build();
    h.open(v2, "cs_test_v2");

    InvalidRequestException older = assertThrows(InvalidRequestException.class, () -> h.checkout.create(Harness.order()));
    assertTrue(older.getMessage().contains("version 1 is older than version 2"), older.getMessage());
    Order changed = v2.toBuilder().item("Mug", 1, Money.parse("8.00", "EUR")).build();
    InvalidRequestException sameVersion = assertThrows(InvalidRequestException.class, () -> h.checkout.create(changed));
    assertTrue(sameVersion.getMessage().contains("higher version"), sameVersion.getMessage());
    assertEquals(1, h.server.getRequestCount());
  }

  @Test
  void aPaidOrderGetsNoNewPaymentPage() {
    h.open(Harness.order(), "cs_test_1");
    h.pay(Harness.order(), "cs_test_1", "evt_paid");

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> h.checkout.create(Harness.order()));

    assertTrue(e.getMessage().contains("already paid"), e.getMessage());
    assertEquals(1, h.server.getRequestCount());
  }

  @Test
  void belowTheMinimumChargeIsRefusedBeforeStripeIsCalled() {
    Order tiny = Harness.singleItem("ord_tiny", "30", "JPY");

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> h.checkout.create(tiny));

    assertEquals("order ord_tiny total ¥30 is below Stripe's minimum charge of ¥50 in JPY", e.getMessage());
    assertEquals(0, h.server.getRequestCount());
    assertTrue(h.store.state("ord_tiny").isEmpty());
  }

  @Test
  void zeroDecimalCurrenciesAreLabelledInWholeUnits() {
    PaymentLink link = h.open(Harness.singleItem("ord_jpy", "4200", "JPY"), "cs_test_jpy");

    assertEquals("Pay ¥4,200", link.label());
    assertEquals(4200, link.amount().minorUnits());
  }

  @Test
  void zeroDecimalAmountsReachStripeUnmultiplied() {
    Order yen = Harness.singleItem("ord_jpy", "4200", "JPY");
    h.server.enqueue(Harness.sessionCreated(yen, "cs_test_jpy", Harness.NOW.plusSeconds(86_340)));

    h.checkout.create(yen);

    Map<String, List<String>> form = Harness.form(h.take());
    assertEquals("4200", Fixtures.one(form, "line_items[0][price_data][unit_amount]"));
    assertEquals("jpy", Fixtures.one(form, "line_items[0][price_data][currency]"));
  }

  @Test
  void threeDecimalAmountsMustEndInZero() {
    Order fils = Harness.singleItem("ord_kwd", "5.124", "KWD");
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> h.checkout.create(fils));
    assertTrue(e.getMessage().contains("KWD amounts to end in 0 (e.g. KWD 5.120)"), e.getMessage());
    assertEquals(0, h.server.getRequestCount());

    Order ok = Harness.singleItem("ord_kwd2", "5.120", "KWD");
    h.server.enqueue(Harness.sessionCreated(ok, "cs_test_kwd", Harness.NOW.plusSeconds(86_340)));
    h.checkout.create(ok);
    assertEquals("5120", Fixtures.one(Harness.form(h.take()), "line_items[0][price_data][unit_amount]"));
  }

  @Test
  void discountsBecomeASingleUseCouponAndTaxesLinesOfTheirOwn() {
    Order order = Harness.order().toBuilder()
        .tax("VAT 5.5%", Money.parse("2.31", "EUR"))
        .discount("Welcome", Money.parse("5.00", "EUR"))
        .build();
    h.server.enqueue(Harness.json(200, Fixtures.text("coupon_created.json")));
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_disc", Harness.NOW.plusSeconds(86_340)));

    PaymentLink link = h.checkout.create(order);

    assertEquals(Money.parse("39.31", "EUR"), link.amount());
    RecordedRequest coupon = h.take();
    assertEquals("/v1/coupons", coupon.getUrl().encodedPath());
    Map<String, List<String>> couponForm = Harness.form(coupon);
    assertEquals("500", Fixtures.one(couponForm, "amount_off"));
    assertEquals("eur", Fixtures.one(couponForm, "currency"));
    assertEquals("once", Fixtures.one(couponForm, "duration"));
    assertEquals("1", Fixtures.one(couponForm, "max_redemptions"));
    assertEquals("parley-coupon:ord_1001:v1", coupon.getHeaders().get("Idempotency-Key"));
    Map<String, List<String>> session = Harness.form(h.take());
    assertEquals("Z4OV52SU", Fixtures.one(session, "discounts[0][coupon]"));
    assertEquals("VAT 5.5%", Fixtures.one(session, "line_items[1][price_data][product_data][name]"));
    assertEquals("231", Fixtures.one(session, "line_items[1][price_data][unit_amount]"));
  }

  @Test
  void stripeRefusalsBecomeInvalidRequestsWithTheCauseAndRequestId() {
    h.server.enqueue(Harness.json(400, Fixtures.text("error_amount_too_small.json")));

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> h.checkout.create(Harness.order()));

    assertInstanceOf(com.stripe.exception.InvalidRequestException.class, e.getCause());
    assertTrue(e.getMessage().contains("amount_too_small"), e.getMessage());
    assertEquals(400, e.httpStatus());
    assertTrue(e.traceId().startsWith("req_"), e.traceId());
    assertFalse(e.isTransient());
  }

  @Test
  void aBadApiKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
    h.server.enqueue(Harness.json(401, Fixtures.text("error_invalid_api_key.json")));

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> h.checkout.create(Harness.order()));

    assertFalse(e.getMessage().contains(Harness.API_KEY), e.getMessage());
    assertFalse(e.getMessage().contains("wxyz"), e.getMessage());
    assertEquals(401, e.httpStatus());
  }

  @Test
  void stripeDownAfterRetriesIsTransient() {
    for (int i = 0; i < 3; i++) {
      h.server.enqueue(Harness.json(503, Fixtures.text("error_api.json")));
    }
    PlatformUnavailableException e = assertThrows(PlatformUnavailableException.class, () -> h.checkout.create(Harness.order()));
    assertTrue(e.isTransient());
    assertEquals(3, h.server.getRequestCount(), "one call and two retries");
  }

  @Test
  void anExpiredPageIsRenewedAsANewAttempt() {
    h.open(Harness.order(), "cs_test_1");
    h.server.enqueue(Harness.sessionCreated(Harness.order(), "cs_test_2", Harness.NOW.plusSeconds(86_340)));
    h.deliver(Fixtures.event("event_checkout_session_expired.json", "evt_exp_1", o -> o.addProperty("id", "cs_test_1")));
    // the default listener asked Stripe for a fresh page: attempt 2
    RecordedRequest renewal = h.take();
    assertEquals("parley-checkout:ord_1001:v1:a2", renewal.getHeaders().get("Idempotency-Key"));

    PaymentLink again = h.checkout.renew("ord_1001");

    assertEquals(2, h.state("ord_1001").attempt());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertEquals(again.sessionId(), h.state("ord_1001").sessionId());
    assertEquals(2, h.server.getRequestCount(), "renewing twice made one new page");
  }

  @Test
  void builderRefusesBadSettingsAtOnce() {
    CheckoutButtons.Builder base = CheckoutButtons.builder().stripe(h.stripe).successUrl(Harness.SUCCESS_URL)
        .cancelUrl(Harness.CANCEL_URL);
    InvalidRequestException expiry = assertThrows(InvalidRequestException.class,
        () -> base.expiresAfter(Duration.ofMinutes(10)).build());
    assertTrue(expiry.getMessage().contains("PT10M"), expiry.getMessage());
    assertThrows(InvalidRequestException.class, () -> CheckoutButtons.builder().successUrl(Harness.SUCCESS_URL)
        .cancelUrl(Harness.CANCEL_URL).build());
    assertThrows(InvalidRequestException.class, () -> CheckoutButtons.builder().stripe(h.stripe)
        .successUrl("not a url").cancelUrl(Harness.CANCEL_URL).build());
    InvalidRequestException key = assertThrows(InvalidRequestException.class,
        () -> CheckoutButtons.builder().stripe(" ", "https://api.stripe.com"));
    assertTrue(key.getMessage().contains("API key"));
  }

  @Test
  void aClientBuiltFromAKeyAndBaseTalksToThatBase() {
    Order order = Harness.order();
    String base = h.server.url("/").toString();
    CheckoutButtons built = h.checkout.newBuilder().stripe(Harness.API_KEY, base.substring(0, base.length() - 1)).build();
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_key", Instant.now().plusSeconds(3600)));

    PaymentLink link = built.create(order);

    assertEquals("cs_test_key", link.sessionId());
    assertNull(h.take().getHeaders().get("Stripe-Account"));
    assertFalse(built.toString().contains(Harness.API_KEY));
  }
}
