/** Uploading images, videos, audio and files to Messenger and WhatsApp once, to send them later by id. */
package dev.parley.core.media;
