package dev.incidents.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Free text that every store can keep and every JSON writer can write: at most {@link #maxCodePoints()}
 * Unicode code points (not UTF-16 units, so an emoji counts once), no U+0000 (PostgreSQL cannot store it
 * in {@code jsonb}), no unpaired surrogate (it has no UTF-8 encoding), and not blank when
 * {@link #notBlank()} says so. {@code null} is valid: pair with {@code @NotNull} for required text.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {

  /** The most code points allowed. */
  int maxCodePoints() default Integer.MAX_VALUE;

  /** Whether text made only of white space is rejected. */
  boolean notBlank() default false;

  /** Unused: the validator states the exact rule that was broken. */
  String message() default "is not acceptable text";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload. */
  Class<? extends Payload>[] payload() default {};
}
