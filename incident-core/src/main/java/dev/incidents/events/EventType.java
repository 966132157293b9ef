package dev.incidents.events;

/** What a change did to an incident; the {@code type} of an event (docs/CONTRACT.md clause 13.1). */
public enum EventType {
  /** An incident was created: the event carries {@code incident_created.incident}. */
  INCIDENT_CREATED("incident_created"),
  /** An incident was updated: the event carries {@code incident_updated.incident} and {@code old_incident}. */
  INCIDENT_UPDATED("incident_updated"),
  /** An incident was deleted: the event carries {@code incident_deleted.id} and {@code old_incident}. */
  INCIDENT_DELETED("incident_deleted");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in JSON, such as {@code incident_created}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type with this name in JSON.
   *
   * @throws IllegalArgumentException naming the allowed values if there is none
   */
  public static EventType fromWireName(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type \"" + name
        + "\"; allowed: incident_created, incident_updated, incident_deleted");
  }
}
