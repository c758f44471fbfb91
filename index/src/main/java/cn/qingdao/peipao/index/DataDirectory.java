package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.search.SearchIndex;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The files of one data directory: {@code store.db} (the system of record) and {@code index/}
 * (derived from it). Creates them readable by the owner only, and refuses to open a directory whose
 * store is gone while its index remains: the index may then hold the only copy of the data, and
 * starting would rebuild it from an empty store.
 */
final class DataDirectory {
  static final String STORE = "store.db";
  static final String INDEX = "index";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private DataDirectory() {}

  /**
   * Creates {@code dir} (0700) and an empty {@code store.db} (0600) where missing.
   *
   * @throws DataDirectoryException when the store is missing but an index is there, or the
   *     directory cannot be created
   */
  static Path prepare(Path dir) {
    prepareIndexOnly(dir);
    Path store = dir.resolve(STORE);
    if (!Files.exists(store)) {
      if (hasIndex(dir.resolve(INDEX)))
        throw new DataDirectoryException(
            "the data directory "
                + dir
                + " has a search index but no "
                + STORE
                + ": the store was deleted or moved. Refusing to start, because that would"
                + " rebuild the index from an empty store and lose the only copy left. Restore "
                + STORE
                + " from a backup, or rebuild it from the index with 'matcher recover --data "
                + dir
                + "'.");
      try {
        // SQLite gives its -wal and -shm files the permissions of the database file
        Files.createFile(store, attrs("rw-------"));
      } catch (IOException e) {
        throw new DataDirectoryException(
            "cannot create "
                + store
                + (e instanceof AccessDeniedException
                    ? ": permission denied"
                    : ": " + e.getMessage())
                + "; the data directory must be writable by this user",
            e);
      }
    }
    return store;
  }

  /**
   * Creates {@code dir} (0700) where missing: all a node whose store is elsewhere (PostgreSQL)
   * needs, and the first step of {@link #prepare}.
   */
  static void prepareIndexOnly(Path dir) {
    try {
      if (!Files.isDirectory(dir)) Files.createDirectories(dir, attrs("rwx------"));
    } catch (IOException e) {
      throw new DataDirectoryException(
          "cannot create the data directory "
              + dir
              + (e instanceof AccessDeniedException
                  ? ": permission denied (" + e.getMessage() + ")"
                  : " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")
              + "; check that its parent exists and is writable by this user, or choose --data",
          e);
    }
  }

  /**
   * Opens the index of {@code dir}.
   *
   * @throws DataDirectoryException when another process (a running server) holds the index
   */
  static SearchIndex openIndex(Path dir, Taxonomy taxonomy) {
    try {
      return SearchIndex.open(dir.resolve(INDEX), taxonomy);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause())
        if (c instanceof LockObtainFailedException)
          throw new DataDirectoryException(
              "the data directory "
                  + dir
                  + " is in use by another process (a running server holds its index); stop it"
                  + " first, or send the work to the server's HTTP API instead"
                  + " (e.g. POST /api/v1/{type}/import)",
              e);
      throw e;
    }
  }

  /** Whether {@code indexDir} holds a Lucene commit. */
  static boolean hasIndex(Path indexDir) {
    if (!Files.isDirectory(indexDir)) return false;
    try (Stream<Path> files = Files.list(indexDir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      return true; // cannot tell: assume there is something to protect
    }
  }

  private static FileAttribute<?>[] attrs(String perms) {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))
        }
        : new FileAttribute<?>[0];
  }
}
