package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.core.conversation.ConversationState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotsTest {

  @Test
  void typedValuesComeBackAsTheyWentIn() {
    Slots slots = new Slots(new JsonObject());
    ZonedDateTime when = ZonedDateTime.of(2025, 3, 14, 19, 30, 0, 0, ZoneId.of("Europe/Paris"));
    slots.put("guests", 4).put("total", new BigDecimal("42.50")).put("ok", true).put("name", "Ada")
        .put("day", LocalDate.of(2025, 3, 14)).put("when", when);
    assertEquals(4, slots.integer("guests"));
    assertEquals(new BigDecimal("42.50"), slots.decimal("total"));
    assertTrue(slots.bool("ok"));
    assertEquals("Ada", slots.string("name"));
    assertEquals(LocalDate.of(2025, 3, 14), slots.date("day"));
    assertEquals(when, slots.dateTime("when"));
    assertEquals(LocalDate.of(2025, 3, 14), slots.date("when"));
  }

  @Test
  void wrongReadsSayWhichSlotAndWhatItHolds() {
    Slots slots = new Slots(new JsonObject()).put("name", "Ada").put("guests", new BigDecimal("2.5"));
    assertEquals("slot 'name' is 'Ada', not a number",
        assertThrows(IllegalStateException.class, () -> slots.decimal("name")).getMessage());
    assertEquals("slot 'guests' is 2.5, not a whole number",
        assertThrows(IllegalStateException.class, () -> slots.integer("guests")).getMessage());
    assertEquals("slot 'missing' has no value",
        assertThrows(IllegalStateException.class, () -> slots.string("missing")).getMessage());
    assertEquals("friend", slots.string("missing", "friend"));
  }

  @Test
  void unsupportedValuesAndBadNamesAreRefused() {
    Slots slots = new Slots(new JsonObject());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> slots.put("x", new Object())).getMessage()
        .contains("cannot hold a Object"));
    assertThrows(IllegalArgumentException.class, () -> slots.put("", 1));
    assertThrows(IllegalArgumentException.class, () -> slots.put("x".repeat(101), 1));
  }

  @Test
  void nullRemovesAndClearEmpties() {
    Slots slots = new Slots(new JsonObject()).put("a", 1).put("b", 2);
    slots.put("a", null);
    assertFalse(slots.has("a"));
    assertTrue(slots.remove("b"));
    assertFalse(slots.remove("b"));
    slots.put("c", "x").clear();
    assertEquals(Map.of(), slots.asMap());
  }

  @Test
  void numbersMatchByValue() {
    Slots slots = new Slots(new JsonObject()).put("n", new BigDecimal("4.0"));
    assertTrue(slots.matches("n", 4));
    assertFalse(slots.matches("n", 5));
    assertTrue(slots.matches("absent", null));
  }

  @Test
  void theSavedStateRoundTripsThroughJson() {
    ConversationData data = new ConversationData();
    ConversationData.Frame frame = new ConversationData.Frame("booking");
    frame.step = 2;
    frame.waiting = true;
    new Slots(frame.slots).put("guests", 4);
    data.flows.add(frame);
    new Slots(data.memory).put("name", "Ada");
    data.markHandled("mid:m_1");
    ConversationData back = ConversationData.parse(new ConversationState(1, data.toJson()));
    assertEquals("booking", back.top().flow);
    assertEquals(2, back.top().step);
    assertTrue(back.top().waiting);
    assertEquals(4, new Slots(back.top().slots).integer("guests"));
    assertEquals("Ada", new Slots(back.memory).string("name"));
    assertTrue(back.handled("mid:m_1"));
  }

  @Test
  void onlyTheLastHandledKeysAreKept() {
    ConversationData data = new ConversationData();
    for (int i = 0; i < ConversationData.HANDLED_KEYS_KEPT + 10; i++) {
      data.markHandled("mid:" + i);
    }
    assertFalse(data.handled("mid:0"));
    assertTrue(data.handled("mid:" + (ConversationData.HANDLED_KEYS_KEPT + 9)));
    assertEquals(ConversationData.HANDLED_KEYS_KEPT, data.handled.size());
  }

  @Test
  void stateThatIsNotTheBotsIsReportedWithItsVersion() {
    String why = assertThrows(IllegalStateException.class,
        () -> ConversationData.parse(new ConversationState(7, "[not json"))).getMessage();
    assertTrue(why.contains("version 7"), why);
  }
}
