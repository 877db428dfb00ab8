package io.udb.core.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts {@link ChildNode} in a new JVM on this test's class path and reads its first line. */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final String firstLine;

  private ChildProcess(Process process, String firstLine) {
    this.process = process;
    this.firstLine = firstLine;
  }

  static ChildProcess start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildNode.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String next;
                StringBuilder seen = new StringBuilder();
                while ((next = out.readLine()) != null) {
                  if (next.startsWith("RUNNING") || next.startsWith("HOLDING")) {
                    return next;
                  }
                  seen.append(next).append('\n');
                }
                throw new IllegalStateException("Child node ended before it was ready:\n" + seen);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      return new ChildProcess(process, line.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  String firstLine() {
    return firstLine;
  }

  /** Kills the JVM at once, as a crash would: no shutdown hooks, no clean close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
