package dev.parley.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the sandbox holds, by platform, account and id: those the merchant's code uploaded (what a
 * send by {@code attachment_id} or media id must name) and those WhatsApp customers sent (which, like
 * uploads, can be looked up, downloaded and deleted by media id). Thread-safe.
 */
final class MediaLibrary {
  private final Map<String, UploadedFile> files = new LinkedHashMap<>();
  private final Map<String, UploadedFile> received = new LinkedHashMap<>();

  synchronized void add(UploadedFile file) {
    files.put(key(file.platform(), file.businessId(), file.id()), file);
  }

  /** A file a WhatsApp customer sent to its number: downloadable by id, not an upload. */
  synchronized void addReceived(UploadedFile file) {
    received.put(key(file.platform(), file.businessId(), file.id()), file);
  }

  /** The WhatsApp media {@code id}, uploaded or received, on whichever number holds it; null if none does. */
  synchronized UploadedFile findWhatsApp(String id) {
    for (Map<String, UploadedFile> map : List.of(files, received)) {
      for (UploadedFile file : map.values()) {
        if (file.platform() == SentMessage.Platform.WHATSAPP && file.id().equals(id)) {
          return file;
        }
      }
    }
    return null;
  }

  /** Forgets {@code file}, uploaded or received; false if it was already gone. */
  synchronized boolean remove(UploadedFile file) {
    String key = key(file.platform(), file.businessId(), file.id());
    return files.remove(key) != null | received.remove(key) != null;
  }

  /** The file {@code id} uploaded to {@code businessId}, or null: ids are private to their page or number. */
  synchronized UploadedFile find(SentMessage.Platform platform, String businessId, String id) {
    return files.get(key(platform, businessId, id));
  }

  synchronized List<UploadedFile> all() {
    return new ArrayList<>(files.values());
  }

  private static String key(SentMessage.Platform platform, String businessId, String id) {
    return platform + ":" + businessId + ":" + id;
  }
}
