package dev.incidents.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link Text}; the message names the first rule the text breaks. */
public final class TextValidator implements ConstraintValidator<Text, String> {

  private int maxCodePoints;
  private boolean notBlank;

  /** Creates a validator; Bean Validation calls {@link #initialize(Text)} next. */
  public TextValidator() {}

  @Override
  public void initialize(Text annotation) {
    maxCodePoints = annotation.maxCodePoints();
    notBlank = annotation.notBlank();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    String problem = problem(value, maxCodePoints, notBlank);
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
    return false;
  }

  /**
   * The rule {@code value} breaks, or {@code null} when it is acceptable text.
   *
   * @param value the text, not null
   * @param maxCodePoints the most code points allowed
   * @param notBlank whether blank text is rejected
   */
  public static @Nullable String problem(String value, int maxCodePoints, boolean notBlank) {
    if (notBlank && value.isBlank()) {
      return "must not be blank";
    }
    int length = value.length();
    // Fast path: a string no longer than the limit in UTF-16 units is no longer in code points either.
    if (length > maxCodePoints) {
      int codePoints = value.codePointCount(0, length);
      if (codePoints > maxCodePoints) {
        return "must be at most " + maxCodePoints + " characters (Unicode code points), got " + codePoints;
      }
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must not contain an unpaired UTF-16 surrogate (at index " + i + ")";
      }
      if (Character.isLowSurrogate(c)) {
        return "must not contain an unpaired UTF-16 surrogate (at index " + i + ")";
      }
    }
    return null;
  }
}
