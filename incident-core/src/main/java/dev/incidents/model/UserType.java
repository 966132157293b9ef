package dev.incidents.model;

/** The kinds of user an id can name; {@link #toString()} is the JSON name. */
public enum UserType {
  /** {@code DEVU-n}: a user of the dev org. */
  DEV_USER("dev_user"),
  /** {@code REVU-n}: a user of a customer (rev) org. */
  REV_USER("rev_user"),
  /** {@code SVCACC-n}: a service account. */
  SERVICE_ACCOUNT("service_account"),
  /** {@code SYSU-n}: a system user. */
  SYS_USER("sys_user");

  private final String wireName;

  UserType(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON name, such as {@code dev_user}. */
  @Override
  public String toString() {
    return wireName;
  }
}
