package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Order numbers, money, e-mails, phones and quantities; dates have their own test. */
class EntityExtractorTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** Wednesday 4 March 2026, 10:00 in Paris. */
  static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 3, 4, 10, 0).atZone(PARIS).toInstant(), PARIS);

  private final EntityExtractor extractor = EntityExtractor.builder().clock(CLOCK).zone(PARIS).build();

  private <T extends Entity> List<T> find(String text, Class<T> kind) {
    List<Entity> all = extractor.extract(text, null);
    for (Entity entity : all) {
      assertEquals(entity.span().text(), text.substring(entity.span().start(), entity.span().end()),
          "span of " + entity);
    }
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private Entity.OrderNumber onlyOrder(String text) {
    List<Entity.OrderNumber> found = find(text, Entity.OrderNumber.class);
    assertEquals(1, found.size(), text + " -> " + found);
    return found.get(0);
  }

  private Money onlyMoney(String text) {
    List<Entity.Amount> found = find(text, Entity.Amount.class);
    assertEquals(1, found.size(), text + " -> " + found);
    return found.get(0).money();
  }

  @Test
  void orderNumbersInTheDefaultShapes() {
    assertEquals("12345", onlyOrder("where is #12345?").number());
    assertEquals("A-12345", onlyOrder("my order a-12345 is late").number());
    assertEquals("12345", onlyOrder("Order 12345 never came").number());
    assertEquals("45678", onlyOrder("commande n° 45678").number());
    assertEquals("98765", onlyOrder("ma commande numéro 98765").number());
    Entity.OrderNumber order = onlyOrder("hi, order #12345 please");
    assertEquals("order #12345", order.span().text());
    assertEquals("order_number", order.type());
  }

  @Test
  void aBareShortNumberIsNotAnOrderNumber() {
    assertTrue(find("I want 3 of them", Entity.OrderNumber.class).isEmpty());
  }

  @Test
  void aShopCanDeclareItsOwnOrderNumberPattern() {
    EntityExtractor custom = EntityExtractor.builder().clock(CLOCK)
        .orderNumberPattern(Pattern.compile("\\bPO-(?<number>\\d{6})\\b")).build();
    List<Entity> found = custom.extract("about PO-123456 and #99999", Locale.ENGLISH);
    Entity.OrderNumber order = (Entity.OrderNumber) found.get(0);
    assertEquals("123456", order.number());
    assertTrue(found.stream().noneMatch(e -> e instanceof Entity.OrderNumber o && o.number().equals("99999")));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> EntityExtractor.builder().orderNumberPattern(Pattern.compile("\\d*")));
    assertTrue(empty.getMessage().contains("matches the empty string"), empty.getMessage());
  }

  @Test
  void moneyWithSymbolsCodesAndWordsInBothConventions() {
    assertEquals(Money.parse("42", "EUR"), onlyMoney("it cost €42"));
    assertEquals(Money.parse("42.50", "EUR"), onlyMoney("j'ai payé 42,50 €"));
    assertEquals(Money.parse("42.50", "EUR"), onlyMoney("j'ai payé 42€50"));
    assertEquals(Money.parse("10.99", "USD"), onlyMoney("charged $10.99 twice"));
    assertEquals(Money.parse("42", "EUR"), onlyMoney("refund 42 EUR"));
    assertEquals(Money.parse("42", "EUR"), onlyMoney("EUR 42 please"));
    assertEquals(Money.parse("42", "EUR"), onlyMoney("a gift under 42 euros"));
    assertEquals(Money.parse("1299.90", "EUR"), onlyMoney("le canapé à 1 299,90 €"));
    assertEquals(Money.parse("1299.90", "USD"), onlyMoney("the sofa was 1,299.90 USD"));
    assertEquals(Money.parse("1000", "GBP"), onlyMoney("£1,000"));
    assertEquals(Money.parse("20", "CHF"), onlyMoney("20 CHF"));
  }

  @Test
  void aNumberWithoutCurrencyIsNotMoney() {
    assertTrue(find("table for 4 at 42 rue de Rivoli", Entity.Amount.class).isEmpty());
  }

  @Test
  void emailsAsWritten() {
    List<Entity.Email> found = find("write to Jane.Doe+shop@example.co.uk, thanks", Entity.Email.class);
    assertEquals(1, found.size());
    assertEquals("Jane.Doe+shop@example.co.uk", found.get(0).address());
  }

  @Test
  void phoneNumbersInternationalAndNational() {
    Entity.Phone international = find("call me on +33 6 12 34 56 78", Entity.Phone.class).get(0);
    assertEquals("+33612345678", international.number());
    assertTrue(international.international());
    assertEquals("+442079460958", find("0044 20 7946 0958", Entity.Phone.class).get(0).number());
    assertEquals("+4915112345678", find("tel: +49 (0) 151 1234 5678", Entity.Phone.class).get(0).number());
    Entity.Phone national = find("mon numéro : 06.12.34.56.78", Entity.Phone.class).get(0);
    assertEquals("0612345678", national.number());
    assertTrue(!national.international());
  }

  @Test
  void quantitiesWithTheirUnit() {
    Entity.Quantity bottles = find("send 2 bottles of champagne", Entity.Quantity.class).get(0);
    assertEquals(new BigDecimal("2"), bottles.value());
    assertEquals("bottles", bottles.unit());
    Entity.Quantity people = find("une table pour quatre personnes", Entity.Quantity.class).get(0);
    assertEquals(new BigDecimal("4"), people.value());
    assertEquals("personnes", people.unit());
    Entity.Quantity kilos = find("1,5 kg de farine", Entity.Quantity.class).get(0);
    assertEquals(new BigDecimal("1.5"), kilos.value());
    assertEquals("kg", kilos.unit());
    Entity.Quantity bare = find("I'd like 3", Entity.Quantity.class).get(0);
    assertEquals("", bare.unit());
  }

  @Test
  void overlappingReadingsKeepTheStrongestKindAndComeBackInTextOrder() {
    List<Entity> found = extractor.extract("order 12345: 2 shirts for 42,50 € tomorrow at 8pm, mail a@b.fr",
        Locale.ENGLISH);
    assertEquals(List.of("order_number", "quantity", "money", "datetime", "email"),
        found.stream().map(Entity::type).toList());
  }

  @Test
  void emptyTextHasNoEntitiesAndNullIsRefused() {
    assertTrue(extractor.extract("", Locale.FRENCH).isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> extractor.extract(null, null));
    assertTrue(e.getMessage().contains("text"));
  }

  @Test
  void theDefaultClockIsTheSystemsInUtc() {
    EntityExtractor system = EntityExtractor.builder().build();
    Entity.DateTime today = (Entity.DateTime) system.extract("today", Locale.ENGLISH).get(0);
    assertEquals(ZoneId.of("Z"), today.value().getZone());
    assertTrue(!today.value().toInstant().isAfter(Instant.now()));
  }
}
