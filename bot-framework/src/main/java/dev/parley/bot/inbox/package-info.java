/**
 * The agent inbox in the browser: {@link dev.parley.bot.inbox.InboxPage} serves the page at
 * {@code /inbox}, built on the JSON agent API of {@code dev.parley.bot.agent}.
 */
package dev.parley.bot.inbox;
