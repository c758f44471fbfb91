package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.index.Catalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * Where the service's API keys come from, at start-up: a key file ({@code --keys} or {@code
 * MATCHER_KEYS_FILE}), then the admin key: {@code MATCHER_ADMIN_KEY} when set; else an admin from
 * the key file; else the one generated on the first start of this data directory, whose digest is
 * stored there and which is printed once, as {@code admin key: <key>}.
 */
final class KeyConfig {
  static final String ADMIN_ENV = "MATCHER_ADMIN_KEY";
  static final String FILE_ENV = "MATCHER_KEYS_FILE";
  static final String META = "admin.key.sha256";

  private KeyConfig() {}

  static ApiKeys resolve(
      String keysFile, Map<String, String> env, Catalog catalog, PrintStream out) {
    String file = keysFile != null ? keysFile : env.get(FILE_ENV);
    ApiKeys keys = file == null ? ApiKeys.none() : read(Path.of(file), catalog);
    String admin = env.get(ADMIN_ENV);
    if (admin != null && !admin.isBlank()) {
      if (admin.length() < ApiKeys.MIN_KEY_LENGTH)
        throw new UsageException(
            ADMIN_ENV + " must be at least " + ApiKeys.MIN_KEY_LENGTH + " characters");
      if (keys.hasDigest(ApiKeys.digest(admin)))
        throw new UsageException(
            "an entry of the key file uses the same key as "
                + ADMIN_ENV
                + "; every key needs its own (the file's entry would be shadowed by the admin)");
      return keys.withAdminDigest(ApiKeys.digest(admin), "admin");
    }
    if (keys.hasAdmin()) return keys;
    Optional<String> stored = catalog.meta(META);
    if (stored.isPresent()) return keys.withAdminDigest(stored.get(), "admin");
    String generated = ApiKeys.generate(new SecureRandom());
    // nodes starting together on one shared store: the first to record its digest wins, the
    // others use that one and print nothing (the winner's key is the admin key)
    String digest = catalog.putMetaIfAbsent(META, ApiKeys.digest(generated));
    if (!digest.equals(ApiKeys.digest(generated))) return keys.withAdminDigest(digest, "admin");
    out.println("admin key: " + generated);
    out.println(
        "  (shown once; only its digest is kept. Set " + ADMIN_ENV + " to choose your own.)");
    return keys.withAdminDigest(ApiKeys.digest(generated), "admin");
  }

  private static ApiKeys read(Path file, Catalog catalog) {
    try {
      return ApiKeys.read(
          Json.parse(Files.readAllBytes(file)),
          (type, id) -> catalog.get(type, id).isPresent(),
          region ->
              catalog
                  .reader()
                  .taxonomy()
                  .places()
                  .get(region)
                  .filter(p -> p.level() != Place.Level.PROVINCE)
                  .isPresent());
    } catch (IOException e) {
      throw new UsageException("cannot read the key file " + file + ": " + e.getMessage());
    } catch (ValidationException e) {
      throw new UsageException("key file " + file + ": " + e.getMessage());
    }
  }
}
