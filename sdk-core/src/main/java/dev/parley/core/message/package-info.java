/**
 * The messages Parley sends: one sealed {@link dev.parley.core.message.Message} family of immutable,
 * validated values, built once and rendered per channel (with documented fallbacks where a channel
 * lacks a kind).
 */
package dev.parley.core.message;
