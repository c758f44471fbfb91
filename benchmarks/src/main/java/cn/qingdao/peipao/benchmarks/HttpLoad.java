package cn.qingdao.peipao.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A bounded closed-loop HTTP load client, in its own process so that the server's figures are not
 * mixed with the client's: {@code threads} clients ask for project → mentors recommendations of
 * random demo projects ({@code syn-p-00001…00400}) for {@code seconds}, then it prints throughput,
 * p50/p99 and errors. Loopback only; it stops by itself.
 *
 * <p>Run against {@code MATCHER_ADMIN_KEY=… ./matcher serve --rate 100000 --burst 100000}: {@code
 * java -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.HttpLoad
 * http://127.0.0.1:7070 16 10 KEY}
 */
public final class HttpLoad {
  private HttpLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !args[0].startsWith("http://127.0.0.1:")) {
      System.err.println("usage: HttpLoad http://127.0.0.1:PORT <threads> <seconds ≤ 120> <key>");
      System.exit(2);
    }
    String base = args[0];
    int threads = Integer.parseInt(args[1]);
    int seconds = Math.min(120, Integer.parseInt(args[2]));
    String key = args[3];
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    // the server's own time for each answer (its "tookMs": from the controller's start to the
    // answer built), so that the HTTP stack's share shows beside the client's latency
    ConcurrentLinkedQueue<Double> took = new ConcurrentLinkedQueue<>();
    java.util.regex.Pattern tookField = java.util.regex.Pattern.compile("\"tookMs\":([0-9.]+)");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Random r = new Random(t);
      running.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  String project = String.format("syn-p-%05d", 1 + r.nextInt(400));
                  HttpRequest req =
                      HttpRequest.newBuilder(
                              URI.create(
                                  base
                                      + "/api/v1/projects/"
                                      + project
                                      + "/recommendations?target=mentors"))
                          .header("Authorization", "Bearer " + key)
                          .build();
                  long t0 = System.nanoTime();
                  HttpResponse<String> a = client.send(req, HttpResponse.BodyHandlers.ofString());
                  if (a.statusCode() == 200) {
                    nanos.add(System.nanoTime() - t0);
                    java.util.regex.Matcher m = tookField.matcher(a.body());
                    if (m.find()) took.add(Double.parseDouble(m.group(1)));
                  } else errors.add(a.statusCode() + " " + a.body());
                }
                return null;
              }));
    }
    for (Future<?> f : running) f.get(seconds + 60L, TimeUnit.SECONDS);
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%d threads, %d s: %d ok (%.1f/s), p50 %.2f ms, p99 %.2f ms, %d errors%s%n",
        threads,
        seconds,
        sorted.size(),
        sorted.size() / (double) seconds,
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6,
        sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1e6,
        errors.size(),
        errors.isEmpty() ? "" : ", e.g. " + errors.peek());
    List<Double> server = new ArrayList<>(took);
    Collections.sort(server);
    if (!server.isEmpty())
      System.out.printf(
          Locale.ROOT,
          "  server's own time (tookMs): p50 %.2f ms, p99 %.2f ms%n",
          server.get(server.size() / 2),
          server.get((int) (server.size() * 0.99)));
  }
}
