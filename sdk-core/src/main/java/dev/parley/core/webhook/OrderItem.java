package dev.parley.core.webhook;

import java.math.BigDecimal;

/**
 * One line of a WhatsApp catalog order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param productRetailerId the merchant's product id in the catalog
 * @param quantity how many
 * @param itemPrice the unit price in major units as sent ({@code 12.50}), or null
 * @param currency the ISO 4217 currency code as sent, or null
 */
public record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {}
