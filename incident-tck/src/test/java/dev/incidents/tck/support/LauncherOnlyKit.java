package dev.incidents.tck.support;

import dev.incidents.tck.IncidentStoreTck;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A kit that only the self-tests may run, through {@link KitRunner}: the deliberately broken stores (which
 * must fail) and the recording ones. Surefire's defaults never select these nested classes, but an explicit
 * {@code -Dtest=...} pattern drops the default exclusion of nested classes; then they are reported as
 * skipped, with the reason, instead of failing the build or waiting on purpose.
 */
@ExtendWith(LauncherOnlyKit.OnlyThroughKitRunner.class)
public abstract class LauncherOnlyKit extends IncidentStoreTck {

  /** Set by {@link KitRunner} while it runs a kit. */
  static final String PROPERTY = "incidents.tck.selftest.launcher";

  /** Enables the kit only while {@link KitRunner} runs it. */
  public static final class OnlyThroughKitRunner implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return Boolean.getBoolean(PROPERTY) ? ConditionEvaluationResult.enabled("run by KitRunner")
          : ConditionEvaluationResult.disabled("a self-test kit over a deliberately broken or recording store; "
              + "BrokenStoresTest, TckSettingsTest and RulesCatalogTest run it through KitRunner");
    }
  }
}
