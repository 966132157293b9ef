package dev.incidents.tck.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a kit (a subclass of the TCK) programmatically with the JUnit Platform Launcher, as Surefire would,
 * with some system properties set for the run, and reports each rule's outcome.
 */
public final class KitRunner {

  private KitRunner() {}

  /** What became of one rule. */
  public record Outcome(TestExecutionResult.Status status, Throwable throwable, String skipReason) {
    public String message() {
      return throwable == null ? "" : String.valueOf(throwable.getMessage());
    }
  }

  /** Every rule that ran (or was skipped), by method name. */
  public record Result(Map<String, Outcome> rules) {
    public List<String> failed() {
      return rules.entrySet().stream().filter(e -> e.getValue().status() == TestExecutionResult.Status.FAILED)
          .map(Map.Entry::getKey).sorted().toList();
    }

    public List<String> aborted() {
      return rules.entrySet().stream().filter(e -> e.getValue().status() == TestExecutionResult.Status.ABORTED)
          .map(Map.Entry::getKey).sorted().toList();
    }

    public List<String> skipped() {
      return rules.entrySet().stream().filter(e -> e.getValue().status() == null)
          .map(Map.Entry::getKey).sorted().toList();
    }

    public Outcome get(String rule) {
      return rules.get(rule);
    }

    /**
     * Writes every failed rule with its whole message to {@code file}, for people reviewing what the kit
     * reports (the kit's own tests leave one such file per broken store under {@code target/broken-stores}).
     */
    public void write(java.nio.file.Path file) {
      StringBuilder sb = new StringBuilder();
      for (String rule : failed()) {
        sb.append("=== ").append(rule).append('\n').append(rules.get(rule).message()).append("\n\n");
      }
      sb.append("=== passed: ").append(rules.entrySet().stream()
          .filter(e -> e.getValue().status() == TestExecutionResult.Status.SUCCESSFUL).count())
          .append(", skipped: ").append(aborted().size() + skipped().size()).append('\n');
      try {
        java.nio.file.Files.createDirectories(file.getParent());
        // getBytes replaces a lone surrogate (a store may cut a character in two) instead of failing.
        java.nio.file.Files.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** One line per failed rule with the first line of its message, for reports. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      for (String rule : failed()) {
        String message = rules.get(rule).message();
        int end = message.indexOf('\n');
        sb.append(rule).append(": ").append(end < 0 ? message : message.substring(0, end)).append('\n');
      }
      return sb.toString();
    }
  }

  /** Runs every rule of {@code kit}. */
  public static Result run(Class<?> kit, Map<String, String> properties) {
    return run(List.of(selectClass(kit)), properties);
  }

  /** Runs the named rules of {@code kit}. */
  public static Result run(Class<?> kit, Map<String, String> properties, String... rules) {
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String rule : rules) {
      selectors.add(selectMethod(kit, rule));
    }
    return run(selectors, properties);
  }

  private static synchronized Result run(List<DiscoverySelector> selectors, Map<String, String> properties) {
    Properties system = System.getProperties();
    Map<String, String> saved = new HashMap<>();
    Map<String, String> all = new HashMap<>(properties);
    all.put(LauncherOnlyKit.PROPERTY, "true");
    all.forEach((k, v) -> {
      saved.put(k, system.getProperty(k));
      System.setProperty(k, v);
    });
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
      Launcher launcher = LauncherFactory.create();
      Map<String, Outcome> outcomes = new TreeMap<>();
      launcher.execute(request, new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
          name(id).ifPresent(n -> outcomes.put(n, new Outcome(result.getStatus(), result.getThrowable().orElse(null), null)));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
          name(id).ifPresent(n -> outcomes.put(n, new Outcome(null, null, reason)));
        }
      });
      return new Result(new LinkedHashMap<>(outcomes));
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  private static java.util.Optional<String> name(TestIdentifier id) {
    return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName());
  }
}
