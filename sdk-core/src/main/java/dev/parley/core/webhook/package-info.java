/**
 * Receiving Messenger and WhatsApp webhooks: {@link dev.parley.core.webhook.WebhookHandler} checks
 * and acknowledges them, the sealed {@link dev.parley.core.webhook.InboundEvent} family is what
 * customers did, {@link dev.parley.core.webhook.InboundJournal} makes redeliveries harmless, and
 * {@link dev.parley.core.webhook.WebhookSigner} signs payloads for tests.
 */
package dev.parley.core.webhook;
