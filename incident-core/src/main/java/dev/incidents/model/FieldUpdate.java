package dev.incidents.model;

import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an update does to one field (docs/CONTRACT.md section 10): leaves it as it is ({@link #keep()}, the
 * field was absent), clears it ({@link #clear()}, the field was {@code null}) or sets it
 * ({@link #set(Object)}). For a list, clearing and setting the empty list mean the same.
 *
 * <p>Immutable; equal when the kind and the value are.
 *
 * @param <T> the field's type
 */
public final class FieldUpdate<T> {

  private static final FieldUpdate<?> KEEP = new FieldUpdate<>(Kind.KEEP, null);
  private static final FieldUpdate<?> CLEAR = new FieldUpdate<>(Kind.CLEAR, null);

  /** The three things an update can do to a field. */
  public enum Kind {
    /** Leave the field as it is. */
    KEEP,
    /** Remove the field's value. */
    CLEAR,
    /** Give the field a new value. */
    SET
  }

  private final Kind kind;
  private final @Nullable T value;

  private FieldUpdate(Kind kind, @Nullable T value) {
    this.kind = kind;
    this.value = value;
  }

  /** Leaves the field as it is. */
  @SuppressWarnings("unchecked")
  public static <T> FieldUpdate<T> keep() {
    return (FieldUpdate<T>) KEEP;
  }

  /** Removes the field's value. */
  @SuppressWarnings("unchecked")
  public static <T> FieldUpdate<T> clear() {
    return (FieldUpdate<T>) CLEAR;
  }

  /** Gives the field this value. */
  public static <T> FieldUpdate<T> set(T value) {
    return new FieldUpdate<>(Kind.SET, Objects.requireNonNull(value, "value; use clear() to remove a value"));
  }

  /** {@link #set} for a non-null value, {@link #clear()} for {@code null}: how JSON's {@code null} reads. */
  public static <T> FieldUpdate<T> setOrClear(@Nullable T value) {
    return value == null ? clear() : set(value);
  }

  /** What this update does. */
  public Kind kind() {
    return kind;
  }

  /** Whether the field is left as it is. */
  public boolean isKeep() {
    return kind == Kind.KEEP;
  }

  /** Whether the field changes (is cleared or set). */
  public boolean isChange() {
    return kind != Kind.KEEP;
  }

  /**
   * The new value.
   *
   * @throws NoSuchElementException unless this update sets a value
   */
  public T value() {
    if (kind != Kind.SET) {
      throw new NoSuchElementException("a " + kind + " update has no value");
    }
    return Objects.requireNonNull(value);
  }

  /** The new value when this update sets one, {@code null} when it clears; {@code fallback} when it keeps. */
  public @Nullable T orElse(@Nullable T fallback) {
    return kind == Kind.KEEP ? fallback : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldUpdate<?> other && kind == other.kind && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return kind == Kind.SET ? "set(" + value + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
