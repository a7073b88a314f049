package dev.parley.bot.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary file of a fetched attachment: closing deletes it, once, and a file that cannot be
 * deleted is left behind without an error, so a download already sent never fails afterwards.
 */
class AttachmentFileTest {
  @TempDir
  Path directory;

  @Test
  void closingDeletesTheFileAndClosingAgainDoesNothing() throws Exception {
    Path path = Files.write(directory.resolve("parley-attachment-1.part"), new byte[] {1, 2, 3});
    AttachmentFile file = new AttachmentFile("1037543291543636", "image", "image/jpeg", "photo.jpg", 3, path);
    try (InputStream in = file.open()) {
      assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
    }

    file.close();
    file.close();

    assertFalse(Files.exists(path), "deleted on close");
  }

  @Test
  void aFileThatCannotBeDeletedIsLeftInPlaceWithoutAnError() throws Exception {
    // A non-empty directory where the file was: deleting it fails even for root, unlike a read-only directory.
    Path path = Files.createDirectory(directory.resolve("parley-attachment-2.part"));
    Files.writeString(path.resolve("in-the-way"), "x");
    AttachmentFile file = new AttachmentFile("2047543291543637", "document", "application/pdf", "invoice.pdf", 0,
        path);

    assertDoesNotThrow(file::close, "a failed delete is logged, not thrown");
    assertDoesNotThrow(file::close);

    assertTrue(Files.isDirectory(path), "left where it was for the operator to remove");
  }
}
