package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Writes RFC 9457 problem documents ({@code application/problem+json}). */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  private Problems() {}

  /** A problem document: type, title, status, detail and the field errors (possibly none). */
  public record Document(
      String type, String title, int status, String detail, List<FieldError> errors) {}

  public static Document document(int status, String detail, List<FieldError> errors) {
    String title = TITLES.getOrDefault(status, "Error");
    return new Document(
        "https://qingdao-matcher.example/problems/" + title.toLowerCase().replace(' ', '-'),
        title,
        status,
        detail,
        List.copyOf(errors));
  }

  public static void write(Context ctx, int status, String detail, List<FieldError> errors) {
    ctx.status(status);
    if (status == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"matcher\"");
    // without a charset the container encodes the text as ISO-8859-1, and Chinese becomes '?'
    ctx.contentType(CONTENT_TYPE + "; charset=utf-8");
    ctx.result(Json.write(document(status, detail, errors)));
  }
}
