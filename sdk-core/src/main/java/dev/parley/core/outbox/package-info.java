/**
 * The durable send queue: {@link dev.parley.core.outbox.Outbox} delivers enqueued messages in order
 * per conversation, at least once, deduplicated by key, over an {@link
 * dev.parley.core.outbox.OutboxStore} kept in the conversation store.
 */
package dev.parley.core.outbox;
