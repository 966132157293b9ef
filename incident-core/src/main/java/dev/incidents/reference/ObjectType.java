package dev.incidents.reference;

import dev.incidents.model.PartType;
import dev.incidents.model.UserType;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of object an id can name, with their display-id prefix and DON segment.
 *
 * <p>{@code PROD-7} in tenant {@code acme} is the DON {@code don:core:<partition>:devo/acme:product/7};
 * {@code DEVU-1} is {@code don:identity:<partition>:devo/acme:devu/1}.
 */
public enum ObjectType {
  /** A product part, {@code PROD-n}. */
  PRODUCT("PROD", "core", "product", Category.PART),
  /** A capability part, {@code CAPL-n}. */
  CAPABILITY("CAPL", "core", "capability", Category.PART),
  /** A feature part, {@code FEAT-n}. */
  FEATURE("FEAT", "core", "feature", Category.PART),
  /** An enhancement part, {@code ENH-n}. */
  ENHANCEMENT("ENH", "core", "enhancement", Category.PART),
  /** An artifact, {@code ARTIFACT-n}. */
  ARTIFACT("ARTIFACT", "core", "artifact", Category.ARTIFACT),
  /** An article, {@code ARTICLE-n}. */
  ARTICLE("ARTICLE", "core", "article", Category.ARTICLE),
  /** A tag, {@code TAG-n}. */
  TAG("TAG", "core", "tag", Category.TAG),
  /** A dev user, {@code DEVU-n}. */
  DEV_USER("DEVU", "identity", "devu", Category.USER),
  /** A rev user, {@code REVU-n}. */
  REV_USER("REVU", "identity", "revu", Category.USER),
  /** A service account, {@code SVCACC-n}. */
  SERVICE_ACCOUNT("SVCACC", "identity", "svcacc", Category.USER),
  /** A system user, {@code SYSU-n}. */
  SYS_USER("SYSU", "identity", "sysu", Category.USER),
  /** An account, {@code ACC-n}. */
  ACCOUNT("ACC", "identity", "account", Category.ACCOUNT),
  /** An incident, {@code INC-n}. */
  INCIDENT("INC", "core", "incident", Category.INCIDENT);

  /** What a field accepts: all parts, all users, and so on. */
  public enum Category {
    /** {@code applies_to_parts}. */
    PART("a part id (PROD-n, CAPL-n, FEAT-n, ENH-n or its DON)"),
    /** {@code artifacts}. */
    ARTIFACT("an artifact id (ARTIFACT-n or its DON)"),
    /** {@code pia}, {@code playbooks}, {@code related_docs}. */
    ARTICLE("an article id (ARTICLE-n or its DON)"),
    /** {@code tags[].tag_id}. */
    TAG("a tag id (TAG-n or its DON)"),
    /** {@code owned_by}, {@code stakeholders}, the actor. */
    USER("a user id (DEVU-n, REVU-n, SVCACC-n, SYSU-n or its DON)"),
    /** {@code impacted_customers}, {@code impact.customer_ids}. */
    ACCOUNT("an account id (ACC-n or its DON)"),
    /** Incidents, for {@code get}. */
    INCIDENT("an incident id (INC-n or its DON)");

    private final String description;

    Category(String description) {
      this.description = description;
    }

    /** What the category accepts, for error messages. */
    public String description() {
      return description;
    }
  }

  private static final Map<String, ObjectType> BY_PREFIX =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ObjectType::prefix, Function.identity()));
  private static final Map<String, ObjectType> BY_SEGMENT =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ObjectType::donSegment, Function.identity()));

  private final String prefix;
  private final String namespace;
  private final String donSegment;
  private final Category category;

  ObjectType(String prefix, String namespace, String donSegment, Category category) {
    this.prefix = prefix;
    this.namespace = namespace;
    this.donSegment = donSegment;
    this.category = category;
  }

  /** The display-id prefix, such as {@code PROD}. */
  public String prefix() {
    return prefix;
  }

  /** The DON namespace: {@code core} or {@code identity}. */
  public String namespace() {
    return namespace;
  }

  /** The DON type segment, such as {@code product}. */
  public String donSegment() {
    return donSegment;
  }

  /** What kind of field accepts this type. */
  public Category category() {
    return category;
  }

  /** The user type of a {@link Category#USER} type. */
  public UserType userType() {
    return switch (this) {
      case DEV_USER -> UserType.DEV_USER;
      case REV_USER -> UserType.REV_USER;
      case SERVICE_ACCOUNT -> UserType.SERVICE_ACCOUNT;
      case SYS_USER -> UserType.SYS_USER;
      default -> throw new IllegalStateException(this + " is not a user type");
    };
  }

  /** The part type of a {@link Category#PART} type. */
  public PartType partType() {
    return switch (this) {
      case PRODUCT -> PartType.PRODUCT;
      case CAPABILITY -> PartType.CAPABILITY;
      case FEATURE -> PartType.FEATURE;
      case ENHANCEMENT -> PartType.ENHANCEMENT;
      default -> throw new IllegalStateException(this + " is not a part type");
    };
  }

  /** The type whose display ids start with {@code prefix}, or {@code null}. */
  public static @Nullable ObjectType byPrefix(String prefix) {
    return BY_PREFIX.get(prefix);
  }

  /** The type whose DONs carry {@code segment}, or {@code null}. */
  public static @Nullable ObjectType bySegment(String segment) {
    return BY_SEGMENT.get(segment);
  }

  /** A description of this type for error messages, such as {@code a product (PROD-n)}. */
  public String describe() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + prefix + "-n)";
  }
}
