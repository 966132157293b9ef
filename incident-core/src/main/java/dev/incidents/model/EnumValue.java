package dev.incidents.model;

/**
 * A catalog value as it appears in a response: {@code {id, label, ordinal}}.
 *
 * @param id the value's id, as given in the request
 * @param label the value's label, such as {@code Sev1}
 * @param ordinal the value's position in its catalog
 */
public record EnumValue(long id, String label, int ordinal) {}
