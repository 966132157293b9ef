package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawStoreTest {

  @Test
  void theHeapBaselineStopsGrowingAtItsKeysWhateverIsWritten() throws Exception {
    try (RawStore raw = RawStore.open(StoreKind.MEMORY)) {
      RawStore.Writer writer = raw.writer();
      writer.writeBatch(Requests.DOCUMENT, RawStore.Heap.KEYS + 1_000);
      assertThat(((RawStore.Heap) raw).size()).isEqualTo(RawStore.Heap.KEYS);
      assertThat(raw.numbers.get()).isEqualTo(RawStore.Heap.KEYS + 1_000L);
    }
  }
}
