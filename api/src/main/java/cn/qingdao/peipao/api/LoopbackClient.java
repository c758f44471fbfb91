package cn.qingdao.peipao.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 GET client over one socket, for the service's warm-up of itself: it reads
 * the status and skips the body (Content-Length, chunked, or up to close; none after 204 and 304;
 * interim 1xx answers skipped), retrying a GET once when a kept-alive connection was closed. The
 * JDK's HttpClient took about a third of the CPU while the service warmed (benchmarks/README.md),
 * CPU the warm-up is meant to spend on the service's own paths; this one costs a write and a read
 * per request. Not thread-safe: one per warm-up thread. Not a general client (no redirects, no TLS,
 * GET only).
 */
final class LoopbackClient implements Closeable {
  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  LoopbackClient(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Sends {@code GET target} ({@code target}: path and query, already encoded) with the given
   * Authorization header (or none when null) and answers the status, the body read and dropped.
   *
   * @throws IOException when the connection fails or the answer is not HTTP/1.1 framing; the
   *     connection is closed and the next call opens a new one
   */
  int get(String target, String authorization) throws IOException {
    boolean reused = socket != null;
    try {
      return exchange(target, authorization);
    } catch (IOException e) {
      // a kept-alive connection the server closed meanwhile: one retry on a new one, as browsers
      // and the JDK's client do for a GET
      if (!reused) throw e;
      return exchange(target, authorization);
    }
  }

  private int exchange(String target, String authorization) throws IOException {
    try {
      if (socket == null) connect();
      StringBuilder req = new StringBuilder(128 + target.length());
      req.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host).append(':');
      req.append(port).append("\r\n");
      if (authorization != null) req.append("Authorization: ").append(authorization).append("\r\n");
      out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = line();
      int code = code(status);
      while (code >= 100
          && code < 200) { // interim answers (100, 103): their headers, then the next
        while (!line().isEmpty()) {
          // headers of the interim answer
        }
        status = line();
        code = code(status);
      }
      long length = -1;
      boolean chunked = false;
      boolean close = status.startsWith("HTTP/1.0");
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) continue;
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.contains("chunked");
          case "connection" -> close |= value.contains("close");
          default -> {}
        }
      }
      if (code == 204 || code == 304) {
        // never a body, whatever the headers say
      } else if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          skip(size);
          line(); // the CRLF after the chunk
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        skip(length);
      } else {
        close = true; // the body runs to the end of the connection
        while (in.read() >= 0) {
          // drop
        }
      }
      if (close) close();
      return code;
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private static int code(String status) throws IOException {
    if (!status.startsWith("HTTP/1.") || status.length() < 12)
      throw new IOException("not an HTTP/1.x status line: " + status);
    return Integer.parseInt(status.substring(9, 12));
  }

  private void connect() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private long chunkSize() throws IOException {
    String l = line();
    int semi = l.indexOf(';');
    return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
  }

  /** One header line without its CRLF (Latin-1, as HTTP/1.1 frames it). */
  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new EOFException("the connection closed inside a header line");
      if (c != '\r') b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        if (in.read() < 0) throw new EOFException("the connection closed inside a body");
        s = 1;
      }
      n -= s;
    }
  }

  @Override
  public void close() {
    if (socket == null) return;
    try {
      socket.close();
    } catch (IOException e) {
      // closing a loopback socket: nothing to recover
    }
    socket = null;
  }
}
