package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"recipient_id\":\"1254477777772919\",\"message_id\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM\"}",
      " {\n \"message_id\" : \"m_1\" ,\t\"recipient_id\":\"7\" }\r\n",
      "{\"message_id\":\"m_1\",\"message_id\":\"m_2\"}",
      "{\"message_id\":\"m_\\u00e9\\\"quoted\\\"\"}",
      "{\"message_id\":12345}",
      "{\"message_id\":\"m_1\",\"extra\":{\"nested\":[1,2]}}",
      "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"wa_id\":\"1555\"}],\"messages\":[{\"id\":\"wamid.HBg\"}]}",
      "{\"messages\":\"not an array\",\"message_id\":\"m_3\"}",
      "{\"recipient_id\":\"1254477777772919\"}",
      "{}",
      "[\"message_id\"]",
      "",
      "{\"message_id\":\"m_1\"} trailing",
      "{\"message_id\":\"m_1\"",
      "{'message_id':'m_single'}",
      "{\"message_id\":\"m_1\" /* comment */}",
      "{\"message_id\":null}",
      "{\"message_\":\"m_1\",\"message_idx\":\"m_2\"}",
      "{\"message_id\":\"\"}",
  })
  void answersWhatTheTreeAnswers(String body) {
    assertEquals(MessageIds.fromTree(body), MessageIds.of(body), body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"message_id\":\"m_\\\"x\"}", "{\"message_id\":1}", "{\"a\":[]}", "{\"message_id\":\"m_1\"}x"})
  void leavesAnythingButAFlatObjectOfPlainStringsToTheTree(String body) {
    assertNull(MessageIds.scanFlat(body), body);
  }

  @org.junit.jupiter.api.Test
  void scansTheUsualMessengerAnswer() {
    assertEquals("m_bench_7", MessageIds.scanFlat("{\"recipient_id\":\"1254477777772919\",\"message_id\":\"m_bench_7\"}"));
  }
}
