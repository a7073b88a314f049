package dev.parley.bot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
  private static final String ALICE = "alice-token-0123456789";
  private static final String BOB = "bob-token-abcdefghijkl";

  @Test
  void eachTokenOpensTheInboxForItsAgentOnly() {
    AgentTokens tokens = AgentTokens.parse("alice:" + ALICE + ", bob:" + BOB);
    assertEquals("alice", tokens.authenticate(ALICE).orElseThrow().name());
    assertEquals("bob", tokens.authenticate(BOB).orElseThrow().name());
    assertTrue(tokens.authenticate("alice-token-012345678").isEmpty(), "a prefix of a token is not the token");
    assertTrue(tokens.authenticate(ALICE + "x").isEmpty());
    assertTrue(tokens.authenticate("").isEmpty());
    assertTrue(tokens.authenticate(null).isEmpty());
    assertEquals(List.of("alice", "bob"), tokens.names());
  }

  @Test
  void blankMeansTheInboxIsClosed() {
    assertTrue(AgentTokens.parse("  ").isEmpty());
    assertTrue(AgentTokens.parse(null).authenticate(ALICE).isEmpty());
  }

  @Test
  void aShortTokenIsRefusedWithoutShowingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AgentTokens.parse("alice:" + ALICE + ",bob:short-secret"));
    assertTrue(e.getMessage().contains("entry 2") && e.getMessage().contains("bob"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
  }

  @Test
  void malformedEntriesNameTheirPosition() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("alice" + ALICE))
        .getMessage().contains("entry 1 is not name:token"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("al ice:" + ALICE))
        .getMessage().contains("entry 1"));
  }

  @Test
  void aNameOrATokenTwiceIsRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("alice:" + ALICE + ",alice:" + BOB))
        .getMessage().contains("listed twice"));
    IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
        () -> AgentTokens.parse("alice:" + ALICE + ",bob:" + ALICE));
    assertTrue(shared.getMessage().contains("already another agent's"));
    assertFalse(shared.getMessage().contains(ALICE));
  }

  @Test
  void theQueueNameIsReserved() {
    assertThrows(IllegalArgumentException.class, () -> new Agent("unassigned"));
    assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("unassigned:" + ALICE));
  }

  @Test
  void toStringShowsNamesNeverTokens() {
    String text = AgentTokens.parse("alice:" + ALICE + ",bob:" + BOB).toString();
    assertTrue(text.contains("alice") && text.contains("bob"));
    assertFalse(text.contains(ALICE) || text.contains(BOB), text);
  }
}
