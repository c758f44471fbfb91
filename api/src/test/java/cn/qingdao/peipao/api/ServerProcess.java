package cn.qingdao.peipao.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service in its own JVM, started as a user would ({@code serve --port 0 --no-demo --warm-up
 * 0}, no practical rate limit, plus {@code args}), killed with SIGKILL: no shutdown hook runs. For
 * the crash and node-fault tests.
 */
record ServerProcess(Process process, String url) {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");

  static ServerProcess start(Map<String, String> env, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "cn.qingdao.peipao.api.cli.Main",
                "serve",
                "--port",
                "0",
                "--no-demo",
                "--warm-up",
                "0",
                "--rate",
                "100000",
                "--burst",
                "100000"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
        return new ServerProcess(p, m.group(1));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not start:\n" + seen);
  }

  /** SIGKILL (on Unix), then waits for the process to be gone. */
  void kill() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
