package dev.incidents.testing;

import org.quicktheories.QuickTheory;

/**
 * How the core's properties run: examples and shrink cycles from system properties, so a laptop runs them
 * quickly and CI can search deeper. Shrinking is capped because QuickTheories' default (100,000 cycles)
 * turns one failure of a large generated request into minutes of work for little gain.
 */
public final class Theories {

  /** Examples per property: {@code -Dincidents.examples=N} (default 100). */
  public static final int EXAMPLES = Integer.getInteger("incidents.examples", 100);

  /** Shrink cycles after a failure: {@code -Dincidents.shrinks=N} (default 2,000). */
  public static final int SHRINKS = Integer.getInteger("incidents.shrinks", 2_000);

  private Theories() {}

  /** A theory with this project's shrink cap; {@code -DQT_SEED=...} reproduces a reported failure. */
  public static QuickTheory qt() {
    return QuickTheory.qt().withShrinkCycles(SHRINKS);
  }
}
