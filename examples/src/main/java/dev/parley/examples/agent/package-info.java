/**
 * A support agent's session over the agent API ({@code /inbox/api/}, JSON over HTTP with a bearer
 * token): take the oldest conversation waiting for a person, read it, answer, refund part of the
 * order, close the concierge task and give the conversation back to the bot.
 */
package dev.parley.examples.agent;
