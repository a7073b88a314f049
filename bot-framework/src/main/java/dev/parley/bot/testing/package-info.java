/**
 * Testing and local development of bots: {@link dev.parley.bot.testing.ConversationTester} for scripted
 * conversations in JUnit, {@link dev.parley.bot.testing.BotConsole} to chat with a bot in a terminal,
 * and {@link dev.parley.bot.testing.CustomerEvents} for the inbound events a customer's actions produce.
 * Everything runs in-process on an in-memory store, with no HTTP.
 */
package dev.parley.bot.testing;
