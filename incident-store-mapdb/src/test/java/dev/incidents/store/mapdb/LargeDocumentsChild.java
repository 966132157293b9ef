package dev.incidents.store.mapdb;

import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run by {@link LargeDocumentsTest} in a JVM with a 256 MiB heap: writes {@code args[1]} documents of
 * 200 KB into the store at {@code args[0]}, 100 per {@code createAll}, reads every one back through
 * {@code list}, and prints {@code ok N} with the number it read.
 */
public final class LargeDocumentsChild {

  static final int DOCUMENT_BYTES = 200 * 1024;

  private LargeDocumentsChild() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[1]);
    try (MapDbIncidentStore store = MapDbIncidentStore.open(Path.of(args[0]))) {
      for (int done = 0; done < count; done += 100) {
        List<NewIncident> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          batch.add(new NewIncident("acme", null, null, number -> NewIncidents.rendered(document(number))));
        }
        store.createAll(batch);
      }
      int read = 0;
      for (long before = Long.MAX_VALUE; ; ) {
        List<StoredIncident> page = store.list("acme", NewIncidents.below(before, 50));
        if (page.isEmpty()) {
          break;
        }
        for (StoredIncident incident : page) {
          if (!Arrays.equals(incident.document(), document(incident.number()))) {
            throw new AssertionError("incident " + incident.number() + " reads back differently");
          }
          read++;
        }
        before = page.get(page.size() - 1).number();
      }
      System.out.println("ok " + read);
    }
  }

  /** A JSON object of about 200 KB that names its number. */
  static byte[] document(long number) {
    return ("{\"n\":" + number + ",\"pad\":\"" + "x".repeat(DOCUMENT_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
  }
}
