/**
 * What Parley remembers about customers and their conversations: the {@link
 * dev.parley.core.conversation.ConversationStore} SPI, its values, and the stores that implement it
 * (in memory, and JDBC over H2 or PostgreSQL).
 */
package dev.parley.core.conversation;
