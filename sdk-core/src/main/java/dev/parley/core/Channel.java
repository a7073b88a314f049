package dev.parley.core;

/** The messaging channels Parley talks to customers on. */
public enum Channel {
  /** Facebook Messenger, through the Messenger Platform Send API; customers are page-scoped ids. */
  MESSENGER,
  /** WhatsApp, through the WhatsApp Business Cloud API; customers are WhatsApp ids (phone numbers). */
  WHATSAPP
}
