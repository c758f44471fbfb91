package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before they reach a route (a NUL or broken UTF-8 in the path,
 * an overlong URI or header) with a problem document like every other error, never an HTML page or
 * a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    String detail =
        switch (code) {
          case 400 -> "malformed request" + (message == null ? "" : ": " + message);
          case 414 -> "the URI is too long";
          case 431 -> "the request headers are too large";
          default -> message == null ? HttpStatus.getMessage(code) : message;
        };
    byte[] body =
        Json.write(Problems.document(code, detail, List.of())).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE + "; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
