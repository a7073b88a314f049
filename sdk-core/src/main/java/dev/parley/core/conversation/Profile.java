package dev.parley.core.conversation;

/**
 * What the business knows about a customer as a person: a display name, a picture, and a phone
 * number or e-mail address when the customer shared one. Every field may be null (unknown).
 *
 * <p>WhatsApp sends the contact name with each message; Messenger needs one call to the User Profile
 * API (see {@link MessengerProfileFetcher}). Values, thread-safe.
 *
 * @param name the name to show an agent, such as {@code "Ada Lovelace"}
 * @param pictureUrl a URL of the customer's picture (Messenger's URLs expire after a while)
 * @param phone a phone number the customer shared
 * @param email an e-mail address the customer shared
 */
public record Profile(String name, String pictureUrl, String phone, String email) {

  /** Nothing known. */
  public static final Profile EMPTY = new Profile(null, null, null, null);

  private static final int MAX_NAME = 300;
  private static final int MAX_URL = 2000;
  private static final int MAX_CONTACT = 320;

  public Profile {
    name = normalise("name", name, MAX_NAME);
    pictureUrl = normalise("pictureUrl", pictureUrl, MAX_URL);
    phone = normalise("phone", phone, MAX_CONTACT);
    email = normalise("email", email, MAX_CONTACT);
  }

  /** A profile with only a name. */
  public static Profile named(String name) {
    return new Profile(name, null, null, null);
  }

  /** This profile with the fields that {@code update} knows replacing those here. */
  public Profile mergedWith(Profile update) {
    return new Profile(
        update.name != null ? update.name : name,
        update.pictureUrl != null ? update.pictureUrl : pictureUrl,
        update.phone != null ? update.phone : phone,
        update.email != null ? update.email : email);
  }

  /** This profile with the gaps filled from {@code other}; what is known here wins. */
  public Profile filledFrom(Profile other) {
    return other.mergedWith(this);
  }

  public Profile withName(String value) {
    return new Profile(value, pictureUrl, phone, email);
  }

  public Profile withPictureUrl(String value) {
    return new Profile(name, value, phone, email);
  }

  public Profile withPhone(String value) {
    return new Profile(name, pictureUrl, value, email);
  }

  public Profile withEmail(String value) {
    return new Profile(name, pictureUrl, phone, value);
  }

  private static String normalise(String field, String value, int limit) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > limit) {
      throw new IllegalArgumentException("profile " + field + " '" + stripped.substring(0, 20) + "…' is "
          + stripped.length() + " characters; the store keeps at most " + limit);
    }
    return stripped;
  }
}
