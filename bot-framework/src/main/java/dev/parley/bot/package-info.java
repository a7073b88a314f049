/** Concierge bots: runtime, flows, understanding, handoff, the agent inbox and the webhook server. */
package dev.parley.bot;
