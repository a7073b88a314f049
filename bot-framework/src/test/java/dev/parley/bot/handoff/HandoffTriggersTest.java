package dev.parley.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandoffTriggersTest {
  private final HandoffTriggers triggers = HandoffTriggers.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"I want to talk to a human", "Can I speak to someone please?", "REAL PERSON",
      "Je veux parler à quelqu'un", "un conseiller svp", "Passez-moi un être humain", "service client!!"})
  void askingForAPersonInEnglishOrFrench(String text) {
    assertEquals(Optional.of(HandoffReason.CUSTOMER_ASKED), triggers.check(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"This is unacceptable", "you are useless", "C'est inadmissible",
      "j'en ai marre de attendre", "Service lamentable", "FURIEUX", "THIS IS NOT OK AT ALL!!!"})
  void anger(String text) {
    assertEquals(Optional.of(HandoffReason.ANGER), triggers.check(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my card was declined", "I was charged twice for order 42", "Paiement refusé",
      "j'ai été débité deux fois", "je n'arrive pas à payer"})
  void paymentProblems(String text) {
    assertEquals(Optional.of(HandoffReason.PAYMENT_PROBLEM), triggers.check(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Where is my parcel?", "What's on the agenda for humanities class", "Où est ma commande ?",
      "I would like to return a scarf", "Bonjour !"})
  void everydayMessagesCallForNobody(String text) {
    assertEquals(Optional.empty(), triggers.check(text));
  }

  @Test
  void askingForAPersonWinsOverAnger() {
    assertEquals(Optional.of(HandoffReason.CUSTOMER_ASKED), triggers.check("This is ridiculous, get me a human"));
  }

  @Test
  void aBusinessAddsItsOwnPhrases() {
    HandoffTriggers custom = triggers.withPhrases(HandoffReason.ANGER, List.of("très déçu"));
    assertEquals(Optional.of(HandoffReason.ANGER), custom.check("Je suis TRES DECU"));
    assertEquals(Optional.empty(), triggers.check("Je suis très déçu"), "the defaults are unchanged");
    assertThrows(IllegalArgumentException.class, () -> triggers.withPhrases(HandoffReason.LOW_CONFIDENCE, List.of("x")));
  }
}
