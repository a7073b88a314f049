package dev.parley.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files uploaded to the sandbox, by platform, account and id: what a send by
 * {@code attachment_id} or media id must name. Thread-safe.
 */
final class MediaLibrary {
  private final Map<String, UploadedFile> files = new LinkedHashMap<>();

  synchronized void add(UploadedFile file) {
    files.put(key(file.platform(), file.businessId(), file.id()), file);
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
