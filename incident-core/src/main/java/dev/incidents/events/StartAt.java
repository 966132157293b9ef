package dev.incidents.events;

/**
 * Where a consumer that has never acknowledged anything starts (docs/CONTRACT.md clause 13.2). A consumer with an
 * acknowledged position always resumes after it, whatever this says.
 */
public enum StartAt {
  /** With the oldest event the store still keeps. */
  BEGINNING,
  /** After the last event stored when the consumer is first opened; that position is kept at once. */
  NOW
}
