/**
 * Talk to customers on Messenger and WhatsApp: messages, channels, sending, webhooks,
 * conversations and the outbox.
 */
package dev.parley.core;
