package dev.parley.payments.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Found by {@link StripeEventPropertyTest}: a signed event whose {@code data.object} stripe-java cannot
 * map (no {@code object} field, a list where a string belongs) or that lacks an id its type needs made
 * {@code StripeWebhookHandler.handle} throw (NullPointerException, ClassCastException...), which a
 * server turns into a 500 that Stripe retries for days. It is now a 400 like any unreadable event.
 */
class MalformedStripeEventTest {
  private final StripeEventPropertyTest world = new StripeEventPropertyTest();

  @BeforeEach
  void open() throws java.io.IOException {
    world.openTheOrder();
  }

  @AfterEach
  void close() {
    world.closeStripe();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "event_checkout_session_expired.json | object",
      "event_checkout_session_expired.json | id",
      "event_checkout_session_completed.json | id",
      "event_charge_refunded.json | object"})
  void aSignedEventMissingAFieldItsTypeNeedsGetsA400(String fixture, String removed) {
    assertEquals(400, world.deliverWithout(fixture, removed).status());
  }
}
