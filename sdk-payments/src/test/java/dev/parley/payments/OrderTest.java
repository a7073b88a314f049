package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.payments.internal.OrderCodec;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static Order.Builder base() {
    return Order.builder("ord_1", Harness.CUSTOMER, "conv_1").customerName("Ada");
  }

  @Test
  void totalsAreComputedFromTheLines() {
    Order order = base()
        .item("Beans", 2, Money.parse("18.00", "EUR"))
        .item("Mug", 3, Money.parse("4.50", "EUR"))
        .shipping("Express", Money.parse("6.00", "EUR"))
        .tax("VAT", Money.parse("2.31", "EUR"))
        .tax("Eco fee", Money.parse("0.20", "EUR"))
        .discount("Welcome", Money.parse("5.00", "EUR"))
        .build();

    assertEquals(Money.parse("49.50", "EUR"), order.subtotal());
    assertEquals(Money.parse("2.51", "EUR"), order.taxTotal());
    assertEquals(Money.parse("5.00", "EUR"), order.discountTotal());
    assertEquals(Money.parse("53.01", "EUR"), order.total());
  }

  @Test
  void oneCurrencyPerOrder() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> base()
        .item("Beans", 1, Money.parse("18.00", "EUR"))
        .shipping("Post", Money.parse("5.00", "USD"))
        .build());
    assertEquals("shipping 'Post' of order ord_1 is in USD; the order is in EUR and takes one currency", e.getMessage());
  }

  @Test
  void quantitiesStartAtOne() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> base().item("Beans", 0, Money.parse("18.00", "EUR")));
    assertEquals("quantity of 'Beans' is 0; at least 1 is needed", e.getMessage());
  }

  @Test
  void discountsCannotExceedTheItems() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> base()
        .item("Beans", 1, Money.parse("10.00", "EUR"))
        .shipping("Post", Money.parse("5.00", "EUR"))
        .discount("Too kind", Money.parse("12.00", "EUR"))
        .build());
    assertTrue(e.getMessage().contains("more than the items' subtotal EUR 10.00"), e.getMessage());
  }

  @Test
  void anOrderHasOneToAHundredItems() {
    assertThrows(InvalidRequestException.class, () -> base().build());
    Order.Builder many = base();
    for (int i = 0; i < 101; i++) {
      many.item("Item " + i, 1, Money.parse("1.00", "EUR"));
    }
    InvalidRequestException e = assertThrows(InvalidRequestException.class, many::build);
    assertEquals("order ord_1 has 101 line items; Stripe Checkout allows 100", e.getMessage());
  }

  @Test
  void idsVersionsAndImagesAreChecked() {
    assertThrows(InvalidRequestException.class,
        () -> Order.builder("ord 1", Harness.CUSTOMER, "c").customerName("A").item("x", 1, Money.of(100, "EUR")).build());
    assertThrows(InvalidRequestException.class,
        () -> base().version(0).item("x", 1, Money.of(100, "EUR")).build());
    InvalidRequestException image = assertThrows(InvalidRequestException.class,
        () -> base().item("x", 1, Money.of(100, "EUR"), "http://insecure.example/x.jpg"));
    assertTrue(image.getMessage().contains("not an https URL"), image.getMessage());
    assertThrows(InvalidRequestException.class,
        () -> base().customerEmail("not-an-email").item("x", 1, Money.of(100, "EUR")).build());
  }

  @Test
  void overflowIsAnErrorNotAWrappedNumber() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> base()
        .item("Gold", Long.MAX_VALUE / 2, Money.of(100, "EUR"))
        .build());
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void theStoredFormRoundTrips() {
    Order order = PaymentStoreContract.richOrder();
    assertEquals(order, OrderCodec.decode(OrderCodec.encode(order)));
    Order plain = Harness.order();
    assertEquals(plain, OrderCodec.decode(OrderCodec.encode(plain)));
  }
}
