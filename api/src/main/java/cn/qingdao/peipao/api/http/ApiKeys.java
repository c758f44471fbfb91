package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The API keys the service accepts, each bound to a {@link Principal}. Only SHA-256 digests are
 * kept: keys are long random strings, so a plain digest is as good as a slow hash and lets a key be
 * found in O(1). No key is ever logged.
 */
public final class ApiKeys {
  /** Shortest key accepted from configuration. */
  public static final int MIN_KEY_LENGTH = 16;

  private static final Pattern ADCODE = Pattern.compile("37[0-9]{4}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
  private static final List<String> ROLES =
      List.of("admin", "portal", "officer", "founder", "mentor", "park", "investor");

  /**
   * Names the service gives its own principals: the admin key from the environment or the generated
   * one, and the caller without a key. A key file may not use them, so the audit log never confuses
   * two callers.
   */
  public static final List<String> RESERVED_NAMES =
      List.of("admin", "anonymous", "demo-loader", "cli", "recovery");

  private final Map<String, Principal> byDigest;

  private ApiKeys(Map<String, Principal> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /** No keys at all: every caller is anonymous. */
  public static ApiKeys none() {
    return new ApiKeys(Map.of());
  }

  /** The caller a key stands for, if the key is known. */
  public Optional<Principal> principal(String key) {
    return Optional.ofNullable(byDigest.get(digest(key)));
  }

  /** Whether a key with this digest is configured. */
  public boolean hasDigest(String digest) {
    return byDigest.containsKey(digest);
  }

  public boolean hasAdmin() {
    return byDigest.values().stream().anyMatch(p -> p.role() == Principal.Role.ADMIN);
  }

  /** These keys plus an admin key given by its digest. */
  public ApiKeys withAdminDigest(String digest, String name) {
    Map<String, Principal> all = new HashMap<>(byDigest);
    all.put(digest, new Principal(name, Principal.Role.ADMIN, null, digest));
    return new ApiKeys(all);
  }

  public int size() {
    return byDigest.size();
  }

  /** The hex SHA-256 of a key. */
  public static String digest(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** A new random key: 32 bytes, base64url. */
  public static String generate(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Reads a key file: a JSON array of {@code {name, role, entity?, region?, key | sha256}}; {@code
   * entity} binds a founder, mentor, park or investor key to that entity's id, {@code region} an
   * officer key to a city or county adcode. Every problem is reported with its path.
   *
   * @throws cn.qingdao.peipao.core.json.ValidationException naming each bad entry
   */
  public static ApiKeys read(JsonNode json) {
    return read(json, (type, id) -> true, region -> true);
  }

  /**
   * As {@link #read(JsonNode)}, also refusing an entry bound to an entity that {@code exists} does
   * not know (a key for a mentor that was never loaded would fail every request), or an officer key
   * bound to a code {@code isRegion} refuses (the province is not a region an officer has).
   */
  public static ApiKeys read(
      JsonNode json, BiPredicate<EntityType, String> exists, Predicate<String> isRegion) {
    Problems problems = new Problems();
    Set<String> names = new HashSet<>();
    Map<String, Principal> out = new HashMap<>();
    if (json == null || !json.isArray()) {
      problems.add("", "must be a JSON array of keys");
      problems.throwIfAny();
    }
    for (int i = 0; i < json.size(); i++) {
      String at = "[" + i + "]";
      Fields f = Fields.of(json.get(i), at, problems);
      String name = f.string("name", true, 100);
      String role = f.code("role", true, ROLES);
      String entity = f.string("entity", false, 64);
      String region = f.string("region", false, 6);
      String key = f.string("key", false, 512);
      String sha = f.string("sha256", false, 64);
      f.finish();
      if ((key == null) == (sha == null))
        problems.add(at + ".key", "give either key or sha256 (the hex SHA-256 of the key)");
      if (key != null && key.length() < MIN_KEY_LENGTH)
        problems.add(at + ".key", "must be at least " + MIN_KEY_LENGTH + " characters");
      if (key != null && !PRINTABLE_ASCII.matcher(key).matches())
        problems.add(
            at + ".key",
            "must be printable ASCII without spaces (it travels in an HTTP header); generate one"
                + " with 'openssl rand -base64 32'");
      if (name != null && RESERVED_NAMES.contains(name.strip().toLowerCase(Locale.ROOT)))
        problems.add(
            at + ".name",
            "'" + name + "' is reserved for the service's own principals; pick another");
      else if (name != null && !names.add(name.strip().toLowerCase(Locale.ROOT)))
        problems.add(
            at + ".name", "'" + name + "' names another key too; every key needs its own name");
      if (sha != null && !HEX64.matcher(sha).matches())
        problems.add(at + ".sha256", "must be 64 lowercase hex digits");
      boolean officer = "officer".equals(role);
      boolean bound = role != null && !List.of("admin", "portal", "officer").contains(role);
      Principal.Role r =
          role == null ? null : Principal.Role.valueOf(role.toUpperCase(Locale.ROOT));
      if (bound && entity == null)
        problems.add(at + ".entity", "is required: a " + role + " key is bound to one entity id");
      if (!bound && entity != null)
        problems.add(
            at + ".entity", "only founder, mentor, park and investor keys are bound to an entity");
      if (officer && region == null)
        problems.add(
            at + ".region",
            "is required: an officer key is bound to a region, the adcode of a city (370200) or"
                + " county (370212)");
      if (!officer && region != null)
        problems.add(at + ".region", "only officer keys are bound to a region");
      if (officer
          && region != null
          && (!ADCODE.matcher(region).matches() || !isRegion.test(region)))
        problems.add(
            at + ".region",
            "'"
                + region
                + "' is not the adcode of a Shandong city or county (GET /api/v1/taxonomy lists"
                + " them)");
      if (entity != null && !EntityReader.ID.matcher(entity).matches())
        problems.add(at + ".entity", "must be an entity id");
      else if (bound && entity != null) {
        EntityType type = new Principal(name, r, entity).boundType();
        if (!exists.test(type, entity))
          problems.add(
              at + ".entity",
              "no "
                  + type.path()
                  + " with id '"
                  + entity
                  + "' is stored; load it first or fix the id");
      }
      if (name == null || role == null || (key == null && sha == null)) continue;
      String digest = key != null ? digest(key) : sha;
      Principal p = new Principal(name, r, entity, digest, officer ? region : null);
      if (out.putIfAbsent(digest, p) != null) problems.add(at, "the same key is listed twice");
    }
    problems.throwIfAny();
    return new ApiKeys(out);
  }

  @Override
  public String toString() {
    return "ApiKeys" + Arrays.toString(byDigest.values().stream().map(Principal::name).toArray());
  }
}
