package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's client reads every framing a server may answer with (Content-Length, chunked with
 * extensions and trailers, a body up to close) on one kept-alive connection, sends the request line
 * and Authorization it was given, reconnects after a close, and fails on a broken answer.
 */
class LoopbackClientTest {
  @Test
  void readsEachFramingAndKeepsTheConnection() throws Exception {
    String body = "{\"items\":[\"中文\"]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String chunk1 = "{\"a\":";
    String chunk2 = "1}";
    List<String> answers =
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n"
                + body,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk1.length())
                + ";ext=1\r\n"
                + chunk1
                + "\r\n"
                + Integer.toHexString(chunk2.length())
                + "\r\n"
                + chunk2
                + "\r\n0\r\nX-Trailer: t\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            // no body after 204 and 304, an interim 103 before the final answer
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n",
            // no length: the body runs to the close, so the next request needs a new connection
            "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\nwarming",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    try (Fake server = new Fake(answers)) {
      try (LoopbackClient c = new LoopbackClient("127.0.0.1", server.port(), 5_000)) {
        assertEquals(200, c.get("/api/v1/x?q=%E7%A7%91", "Bearer k-1"));
        assertEquals(404, c.get("/b", null));
        assertEquals(200, c.get("/c", "Bearer k-1"));
        assertEquals(200, c.get("/d", "Bearer k-1"));
        assertEquals(204, c.get("/d2", "Bearer k-1"));
        assertEquals(304, c.get("/d3", "Bearer k-1"));
        assertEquals(503, c.get("/e", "Bearer k-1"));
        assertEquals(200, c.get("/f", "Bearer k-1"));
      }
      server.join();
      assertEquals(
          List.of("GET /api/v1/x?q=%E7%A7%91 HTTP/1.1", "GET /b HTTP/1.1", "GET /c HTTP/1.1"),
          server.requestLines.subList(0, 3));
      assertEquals("Bearer k-1", server.authorizations.get(0));
      assertEquals("", server.authorizations.get(1), "no header when none is given");
      // six answers on the first connection, then one after the close
      assertEquals(2, server.connections.get(), "connections");
    }
  }

  @Test
  void aKeptAliveConnectionTheServerClosedIsRetriedOnce() throws Exception {
    // the fake closes after its first answer (as an idle timeout would), without saying so
    List<String> answers =
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    try (Fake server = new Fake(answers, 1)) {
      try (LoopbackClient c = new LoopbackClient("127.0.0.1", server.port(), 5_000)) {
        assertEquals(200, c.get("/a", null));
        assertEquals(200, c.get("/b", null));
      }
      server.join();
      assertEquals(2, server.connections.get(), "connections");
    }
  }

  @Test
  void aBrokenAnswerIsAnErrorAndTheNextRequestReconnects() throws Exception {
    List<String> answers =
        List.of("garbage\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
    try (Fake server = new Fake(answers)) {
      try (LoopbackClient c = new LoopbackClient("127.0.0.1", server.port(), 5_000)) {
        assertThrows(IOException.class, () -> c.get("/a", null));
        // the body is cut short by the server's close after its last answer
        assertThrows(IOException.class, () -> c.get("/b", null));
      }
      server.join();
      assertTrue(server.connections.get() >= 2, "a new connection after the error");
    }
  }

  /** Answers the given texts in order, one per request, over as many connections as come. */
  private static final class Fake implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final List<String> requestLines = new ArrayList<>();
    final List<String> authorizations = new ArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final Thread thread;

    Fake(List<String> answers) throws IOException {
      this(answers, Integer.MAX_VALUE);
    }

    /** As above, closing each connection silently after {@code perConnection} answers. */
    Fake(List<String> answers, int perConnection) throws IOException {
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    int next = 0;
                    try {
                      while (next < answers.size()) {
                        try (Socket s = socket.accept()) {
                          connections.incrementAndGet();
                          var in =
                              new BufferedReader(
                                  new InputStreamReader(
                                      s.getInputStream(), StandardCharsets.ISO_8859_1));
                          OutputStream out = s.getOutputStream();
                          int answered = 0;
                          while (next < answers.size() && answered++ < perConnection) {
                            String line = in.readLine();
                            if (line == null) break;
                            requestLines.add(line);
                            String auth = "";
                            for (String h = in.readLine();
                                h != null && !h.isEmpty();
                                h = in.readLine())
                              if (h.startsWith("Authorization: ")) auth = h.substring(15);
                            authorizations.add(auth);
                            String a = answers.get(next++);
                            out.write(a.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            if (a.contains("Connection: close") || next == answers.size()) break;
                          }
                        }
                      }
                    } catch (IOException e) {
                      // closed by the test
                    }
                  });
    }

    int port() {
      return socket.getLocalPort();
    }

    void join() throws InterruptedException {
      thread.join(5_000);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
