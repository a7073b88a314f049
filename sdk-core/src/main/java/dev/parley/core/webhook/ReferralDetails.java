package dev.parley.core.webhook;

/**
 * Where a customer came from: an m.me link with a {@code ref}, an ad (Messenger click-to-Messenger,
 * WhatsApp click-to-WhatsApp), a chat plugin. Any field may be null when the platform omits it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the {@code ref} parameter of the link (Messenger), or null
 * @param source the platform's source: {@code SHORTLINK}, {@code ADS}, {@code ad}, {@code post}, ...
 * @param type the platform's type ({@code OPEN_THREAD}, or WhatsApp's media type), or null
 * @param adId the ad or post id, or null
 * @param sourceUrl the URL of the ad, post or page, or null
 */
public record ReferralDetails(String ref, String source, String type, String adId, String sourceUrl) {}
