package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Texts;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.index.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and checking of request parts shared by the controllers. */
public final class Requests {
  private static final Pattern IF_MATCH = Pattern.compile("\\s*\"?(\\d{1,18})\"?\\s*");

  private Requests() {}

  /** The media type of the request without parameters, lower-cased; empty when absent. */
  static String mediaType(Context ctx) {
    String ct = ctx.header("Content-Type");
    if (ct == null) return "";
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Headers no route can act on correctly: two {@code Authorization} headers (which one counts
   * would depend on the server), and a compressed body (read as if plain, it would be garbage).
   *
   * @throws ApiException 400 or 415 naming the header
   */
  public static void checkHeaders(Context ctx) {
    if (Collections.list(ctx.req().getHeaders("Authorization")).size() > 1)
      throw ApiException.badField("Authorization", "give one Authorization header, not several");
    if (!acceptsJson(ctx.header("Accept")))
      throw new ApiException(
          406,
          "this API answers application/json (errors application/problem+json); the Accept header"
              + " admits neither (got '"
              + clip(ctx.header("Accept"))
              + "')");
    String encoding = ctx.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity"))
      throw new ApiException(
          415,
          "Content-Encoding '"
              + clip(encoding)
              + "' is not accepted: send the body uncompressed (UTF-8 JSON)");
  }

  /** Whether an {@code Accept} header (null: none) admits JSON, with a quality above 0. */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) return true;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      boolean zero = false;
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("q")) {
          try {
            zero = Double.parseDouble(kv[1].strip()) <= 0;
          } catch (NumberFormatException e) {
            zero = false;
          }
        }
      }
      if (zero) continue;
      if (type.equals("*/*")
          || type.equals("application/*")
          || type.equals("application/json")
          || type.equals("application/problem+json")) return true;
    }
    return false;
  }

  /**
   * 415 unless the request's media type is one of {@code allowed}, in UTF-8 if a charset is named.
   */
  static void requireMediaType(Context ctx, List<String> allowed) {
    String ct = ctx.header("Content-Type");
    if (ct != null) {
      for (String param : ct.split(";")) {
        String[] kv = param.split("=", 2);
        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
          String cs = kv[1].strip().replace("\"", "");
          if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8"))
            throw new ApiException(
                415, "charset '" + clip(cs) + "' is not accepted: send UTF-8 (charset=utf-8)");
        }
      }
    }
    String mt = mediaType(ctx);
    if (!allowed.contains(mt)) {
      throw new ApiException(
          415,
          "Content-Type must be "
              + String.join(" or ", allowed)
              + (mt.isEmpty() ? " (none given)" : " (got '" + mt + "')"));
    }
  }

  /**
   * The raw body of an import, read as it streams in: a 413 as soon as it passes {@code maxBytes},
   * a 408 when the client is too slow or gone. Nothing is written before it returns.
   */
  static byte[] bodyUpTo(Context ctx, long maxBytes) {
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new ApiException(
              413,
              "the import body exceeds " + maxBytes + " bytes; split it into several requests");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      // a client too slow for the minimum data rate, or gone: nothing was imported
      throw new ApiException(
          408, "the request body could not be read in time; nothing was imported");
    }
  }

  /** The JSON body (at most the configured size: Javalin answers 413 above it). */
  static JsonNode jsonBody(Context ctx) {
    requireMediaType(ctx, List.of("application/json"));
    return Json.parse(ctx.bodyAsBytes());
  }

  /**
   * The {@code If-Match} version: null when absent, {@link Catalog#ANY_VERSION} for {@code *} (the
   * entity must exist). A weak tag ({@code W/"3"}) is refused: If-Match compares strongly (RFC 9110
   * §13.1.1).
   */
  static Long ifMatch(Context ctx) {
    String h = ctx.header("If-Match");
    if (h == null) return null;
    if (h.strip().equals("*")) return Catalog.ANY_VERSION;
    Matcher m = IF_MATCH.matcher(h);
    if (!m.matches()) {
      throw ApiException.badField(
          "If-Match", "must be an entity version such as \"3\", or * (got '" + clip(h) + "')");
    }
    return Long.parseLong(m.group(1));
  }

  /** The {@code {id}} path parameter, checked against the id syntax. */
  static String pathId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!EntityReader.ID.matcher(id).matches()) {
      throw ApiException.badField("id", EntityReader.ID_RULE + " (got '" + clip(id) + "')");
    }
    return id;
  }

  /** 400 naming every query parameter not in {@code allowed}. */
  static void onlyParams(Context ctx, Set<String> allowed) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (!allowed.contains(p)) {
        throw ApiException.badField(
            p,
            "unknown query parameter; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  /**
   * The distinct codes of a query parameter (repeated, or comma-separated alternatives), each
   * checked by {@code known}; a 400 naming the parameter and the {@code allowed} codes otherwise.
   */
  static List<String> codeParam(Context ctx, String name, Predicate<String> known, String allowed) {
    List<String> out = new ArrayList<>();
    for (String raw : ctx.queryParams(name)) {
      for (String v : raw.split(",")) {
        String code = v.strip();
        if (code.isEmpty()) continue;
        if (!known.test(code)) {
          throw ApiException.badField(
              name, "unknown " + name + " '" + clip(code) + "'; allowed: " + allowed);
        }
        if (!out.contains(code)) out.add(code);
      }
    }
    return out;
  }

  /** An integer query parameter in [min, max], or {@code dflt} when absent. */
  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return dflt;
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max)
        throw ApiException.badField(
            name, "must be between " + min + " and " + max + " (got " + n + ")");
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badField(name, "must be an integer (got '" + clip(v) + "')");
    }
  }

  /** A boolean query parameter ({@code true}/{@code false}), or {@code dflt} when absent. */
  static boolean boolParam(Context ctx, String name, boolean dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return dflt;
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.badField(name, "must be true or false (got '" + clip(v) + "')");
    };
  }

  /** An ISO date query parameter, or {@code dflt} when absent. */
  static LocalDate dateParam(Context ctx, String name, LocalDate dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return dflt;
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badField(name, "must be a date YYYY-MM-DD (got '" + clip(v) + "')");
    }
  }

  static String clip(String s) {
    return Texts.clip(s);
  }
}
