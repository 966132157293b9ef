package dev.incidents;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.incidents.error.Violation;
import dev.incidents.model.IncidentCreateRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The single-field rules declared with Bean Validation annotations on the request records, run by
 * Hibernate Validator without Jakarta EL (parameter interpolation only), and reported as contract
 * violations with snake_case paths.
 */
final class BeanValidation {

  /** Record component names as the contract spells them, the same way the JSON mapper does. */
  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  /**
   * Hibernate Validator announces its version at INFO when it starts ({@code HV000001}) through JBoss Logging,
   * which writes to java.util.logging unless the application has another logging backend; a library says
   * nothing on a normal start. Only this one logger, and only if the application has not given it a level of
   * its own. Held in a field: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
   */
  private static final Logger VERSION_ANNOUNCEMENT = quiet("org.hibernate.validator.internal.util.Version");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    if (logger.getLevel() == null) {
      logger.setLevel(Level.WARNING);
    }
    return logger;
  }

  private BeanValidation() {}

  /** Hibernate Validator is expensive to start and thread-safe once started: one per class loader. */
  private static final class Holder {
    static final Validator VALIDATOR = start();

    private static Validator start() {
      ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
      return factory.getValidator();
    }
  }

  /** Starts the validator now rather than on the first request. */
  static void warmUp() {
    Holder.VALIDATOR.getConstraintsForClass(IncidentCreateRequest.class);
  }

  static List<Violation> validate(IncidentCreateRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (ConstraintViolation<IncidentCreateRequest> cv : Holder.VALIDATOR.validate(request)) {
      String path = wirePath(cv.getPropertyPath());
      if (cv.getConstraintDescriptor().getAnnotation() instanceof NotNull) {
        violations.add(Violation.missingRequiredField(path));
      } else {
        violations.add(Violation.valueNotPermitted(path, cv.getMessage()));
      }
    }
    return violations;
  }

  /** {@code tags[2].tagId} as the contract spells it: {@code tags[2].tag_id}. */
  static String wirePath(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : path) {
      if (node.isInIterable() && node.getIndex() != null) {
        out.append('[').append(node.getIndex()).append(']');
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
        continue;
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(SNAKE_CASE.translate(node.getName()));
    }
    return out.toString();
  }
}
