package dev.incidents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.incidents.error.InternalErrorException;
import dev.incidents.events.EventConsumer;
import dev.incidents.events.EventHandler;
import dev.incidents.events.EventType;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.IncidentEvents;
import dev.incidents.events.StartAt;
import dev.incidents.events.Subscription;
import dev.incidents.json.IncidentJson;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.StoreLimits;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link IncidentEvents} over a store's events and records (docs/CONTRACT.md section 13, clauses 14.15 and
 * 14.16): a consumer's position is the record {@code consumer-positions/<name>}, the decimal sequence of its
 * last acknowledged event.
 */
final class DefaultIncidentEvents implements IncidentEvents {

  /** The record namespace of consumer positions. */
  static final String POSITIONS = "consumer-positions";
  /** How often a waiting consumer looks for events that other processes stored. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
  private static final JsonFactory JSON = new JsonFactory();

  private final IncidentStore store;
  private final EventSignal signal;
  private final Set<String> open = ConcurrentHashMap.newKeySet();

  DefaultIncidentEvents(IncidentStore store, EventSignal signal) {
    this.store = Objects.requireNonNull(store, "store");
    this.signal = Objects.requireNonNull(signal, "signal");
  }

  @Override
  public EventConsumer consumer(String name, StartAt start) {
    checkName(name);
    Objects.requireNonNull(start, "start");
    if (!open.add(name)) {
      throw new IllegalStateException("the event consumer \"" + name + "\" is already open in this service; "
          + "close it first");
    }
    try {
      long position = position(name).orElse(-1L);
      if (position < 0) {
        position = start == StartAt.BEGINNING ? 0 : DefaultIncidentService.storeCall("read the last event",
            store::lastEventSequence);
        savePosition(name, position);
      }
      return new DurableConsumer(this, name, position);
    } catch (RuntimeException e) {
      open.remove(name);
      throw e;
    }
  }

  @Override
  public Subscription subscribe(String name, StartAt start, EventHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return EventSubscription.start(consumer(name, start), handler, signal);
  }

  @Override
  public List<IncidentEvent> read(long afterSequence, int limit) {
    if (limit < 1 || limit > StoreLimits.MAX_EVENTS_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + StoreLimits.MAX_EVENTS_LIMIT + ", got " + limit);
    }
    List<StoredEvent> stored = DefaultIncidentService.storeCall("read events",
        () -> store.events(Math.max(0, afterSequence), limit));
    List<IncidentEvent> events = new ArrayList<>(stored.size());
    for (StoredEvent event : stored) {
      events.add(toEvent(event));
    }
    return events;
  }

  @Override
  public long lastSequence() {
    return DefaultIncidentService.storeCall("read the last event", store::lastEventSequence);
  }

  @Override
  public SortedMap<String, Long> positions() {
    SortedMap<String, Long> positions = new TreeMap<>();
    for (List<StoredRecord> page; !(page = DefaultIncidentService.storeCall("read consumer positions",
        () -> store.records(POSITIONS, positionsAfter(positions), 1000))).isEmpty(); ) {
      for (StoredRecord record : page) {
        positions.put(record.key(), parsePosition(record.key(), record.value()));
      }
    }
    return positions;
  }

  private static String positionsAfter(SortedMap<String, Long> positions) {
    return positions.isEmpty() ? "" : positions.lastKey();
  }

  @Override
  public long prune() {
    SortedMap<String, Long> positions = positions();
    if (positions.isEmpty()) {
      return 0; // nobody has said what it has seen: a consumer starting from the beginning may still come
    }
    long through = positions.values().stream().mapToLong(Long::longValue).min().orElse(0);
    return through < 1 ? 0 : DefaultIncidentService.storeCall("prune events", () -> store.pruneEvents(through));
  }

  @Override
  public boolean forget(String name) {
    checkName(name);
    if (open.contains(name)) {
      throw new IllegalStateException("the event consumer \"" + name + "\" is open in this service; close it first");
    }
    return DefaultIncidentService.storeCall("remove a consumer position", () -> store.removeRecord(POSITIONS, name));
  }

  /** The waiters' signal, woken by this service's writes. */
  EventSignal signal() {
    return signal;
  }

  void closed(String name) {
    open.remove(name);
  }

  void savePosition(String name, long sequence) {
    DefaultIncidentService.storeCall("keep a consumer position", () -> {
      store.putRecord(POSITIONS, name, Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
      return null;
    });
  }

  private Optional<Long> position(String name) {
    return DefaultIncidentService.storeCall("read a consumer position", () -> store.record(POSITIONS, name))
        .map(value -> parsePosition(name, value));
  }

  private static long parsePosition(String name, byte[] value) {
    String text = new String(value, StandardCharsets.US_ASCII);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw InternalErrorException.of("the stored position of event consumer \"" + name + "\" is not a number: "
          + text, e);
    }
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a consumer name is 1 to 200 characters of A-Z a-z 0-9 _ . : -, got \""
          + name + "\"");
    }
  }

  /** The event a consumer receives: the stored payload with its sequence, its id and type read from it. */
  static IncidentEvent toEvent(StoredEvent stored) {
    String id = null;
    String type = null;
    try (JsonParser parser = JSON.createParser(stored.payload())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while ((id == null || type == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_STRING) {
          id = parser.getText();
        } else if (field.equals("type") && value == JsonToken.VALUE_STRING) {
          type = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (id == null || type == null) {
        throw new IOException("no \"id\" or no \"type\"");
      }
      return new IncidentEvent(stored.sequence(), stored.tenant(), id, EventType.fromWireName(type),
          IncidentJson.eventWithSequence(stored.payload(), stored.sequence()));
    } catch (IOException | IllegalArgumentException e) {
      throw InternalErrorException.of("stored event " + stored.sequence() + " is not an event the service wrote: "
          + e.getMessage(), e);
    }
  }
}
