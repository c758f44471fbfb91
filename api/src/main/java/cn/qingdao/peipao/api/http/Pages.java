package cn.qingdao.peipao.api.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one pagination scheme of the lists: {@code offset} and {@code limit} in, {@code total} out,
 * and a {@code Link: <…>; rel="next"} header while there is more (RFC 8288). Search keeps its
 * documented {@code page}/{@code size} and links the next page the same way.
 */
public final class Pages {
  private Pages() {}

  /** Sets the next-page link when items past {@code offset + limit} remain. */
  public static void linkNext(Context ctx, long total, int offset, int limit) {
    if ((long) offset + limit < total) link(ctx, "offset", offset + limit, "limit", limit);
  }

  /** As {@link #linkNext}, for search's {@code page} (from 1) and {@code size}. */
  public static void linkNextPage(Context ctx, long total, int page, int size) {
    if (size > 0 && (long) page * size < total) link(ctx, "page", page + 1, "size", size);
  }

  /**
   * The request's own path and other parameters, then {@code k1=v1&k2=v2}: a link a client can
   * follow.
   */
  private static void link(Context ctx, String k1, int v1, String k2, int v2) {
    Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
    params.remove(k1);
    params.remove(k2);
    params.put(k1, List.of(Integer.toString(v1)));
    params.put(k2, List.of(Integer.toString(v2)));
    StringBuilder url = new StringBuilder(ctx.path());
    char sep = '?';
    for (Map.Entry<String, List<String>> p : params.entrySet())
      for (String v : p.getValue()) {
        url.append(sep)
            .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = '&';
      }
    ctx.header("Link", "<" + url + ">; rel=\"next\"");
  }
}
