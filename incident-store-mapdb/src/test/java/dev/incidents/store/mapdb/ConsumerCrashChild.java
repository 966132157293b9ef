package dev.incidents.store.mapdb;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.events.EventConsumer;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.StartAt;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.RequestContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link ConsumerCrashTest}, which kills it: {@value #WRITERS} threads create incidents
 * through a service that records events, over the file store at {@code args[0]}, while the durable consumer
 * {@value #CONSUMER} polls and acknowledges. It prints, one line each and only after the call returned:
 *
 * <pre>
 * recv SEQUENCE EVENT-ID .   the consumer received this event (before acknowledging it)
 * ack SEQUENCE .             its acknowledgement returned
 * </pre>
 *
 * A failure prints {@code error ...} and exits with status 1.
 */
public final class ConsumerCrashChild {

  static final String CONSUMER = "crash-consumer";
  static final String[] TENANTS = {"acme", "globex"};
  private static final int WRITERS = 3;
  private static final PrintStream OUT = System.out;

  private ConsumerCrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    MapDbIncidentStore store = MapDbIncidentStore.open(Path.of(args[0]));
    IncidentService service = Incidents.builder().store(store).recordEvents(true).build();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      RequestContext context = RequestContext.of(TENANTS[w % TENANTS.length], "SYSU-1");
      String run = args[1] + "-" + w;
      threads.add(new Thread(() -> guard(() -> {
        for (long i = 0; ; i++) {
          service.create(context, IncidentCreateRequest.builder().title(run + " " + i).build());
        }
      })));
    }
    threads.add(new Thread(() -> guard(() -> {
      try (EventConsumer consumer = service.events().consumer(CONSUMER, StartAt.BEGINNING)) {
        while (true) {
          for (IncidentEvent event : consumer.poll(50, Duration.ofSeconds(1))) {
            print("recv " + event.sequence() + " " + event.id() + " .");
            consumer.acknowledge(event);
            print("ack " + event.sequence() + " .");
          }
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    })));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void guard(Runnable work) {
    try {
      work.run();
    } catch (Throwable e) {
      print("error " + e.toString().replace('\n', ' '));
      Runtime.getRuntime().halt(1);
    }
  }

  private static void print(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }
}
