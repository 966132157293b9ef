package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash tests' bookkeeping depends on it: a kill never loses what the child printed before it. */
class ChildJvmTest {

  private static final int LINES = 1_000;

  @TempDir Path dir;

  @Test
  void everyLinePrintedBeforeTheKillIsStillRead() throws Exception {
    Path printed = dir.resolve("printed");
    try (ChildJvm child = ChildJvm.start(PrintsThenWaits.class, dir.resolve("child.err"), printed.toString())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(printed)) {
        assertThat(System.nanoTime()).as("the child printed its lines within 60 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      // Every line is in the pipe, none read yet: the kill must leave them readable.
      child.kill();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < LINES; i++) {
        lines.add(child.readLine());
      }
      assertThat(lines).first().isEqualTo("line 0");
      assertThat(lines).last().isEqualTo("line " + (LINES - 1));
    }
  }

  /** Prints {@value #LINES} short lines (well under a pipe's buffer), says so in a file, and waits to be killed. */
  public static final class PrintsThenWaits {
    private PrintsThenWaits() {}

    public static void main(String[] args) throws IOException, InterruptedException {
      for (int i = 0; i < LINES; i++) {
        System.out.println("line " + i);
      }
      System.out.flush();
      Files.createFile(Path.of(args[0]));
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
