package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bulk upsert from JSON Lines. The whole body is read (up to the configured limit, else 413) before
 * anything is written, so an oversized request leaves nothing behind.
 */
public final class ImportController {
  static final List<String> MEDIA_TYPES = List.of("application/x-ndjson", "application/jsonl");

  private final Catalog catalog;
  private final long maxBytes;
  private final int maxLineBytes;

  public ImportController(Catalog catalog, long maxBytes, int maxLineBytes) {
    this.catalog = catalog;
    this.maxBytes = maxBytes;
    this.maxLineBytes = maxLineBytes;
  }

  public void importLines(Context ctx, EntityType type) {
    Requests.onlyParams(ctx, Set.of("atomic"));
    boolean atomic = Requests.boolParam(ctx, "atomic", false);
    Requests.requireMediaType(ctx, MEDIA_TYPES);
    List<byte[]> lines = split(Requests.bodyUpTo(ctx, maxBytes));
    List<FieldError> tooLong = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).length > maxLineBytes)
        tooLong.add(
            new FieldError(
                "lines[" + (i + 1) + "]",
                "is " + lines.get(i).length + " bytes; a line may have at most " + maxLineBytes));
    }
    if (!tooLong.isEmpty())
      throw new ApiException(
          400, tooLong.size() + " lines are too long; nothing was imported", tooLong);
    ImportReport report =
        catalog.importUtf8Lines(type, lines.iterator(), atomic, Http.principal(ctx).name());
    if (!report.committed()) {
      List<FieldError> errors = new ArrayList<>();
      for (ImportReport.LineError le : report.errors()) {
        for (FieldError fe : le.errors()) {
          errors.add(
              new FieldError(
                  "lines[" + le.line() + "]" + (fe.field().isEmpty() ? "" : "." + fe.field()),
                  fe.message()));
        }
      }
      throw new ApiException(
          400,
          report.rejected()
              + " of "
              + report.received()
              + " lines are invalid; atomic import applied nothing",
          errors);
    }
    Http.json(ctx, 200, report);
  }

  /** Splits on LF (a trailing CR is dropped), keeping bytes as they are. */
  static List<byte[]> split(byte[] body) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
        if (i < body.length || end > start) {
          byte[] line = new byte[end - start];
          System.arraycopy(body, start, line, 0, line.length);
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
