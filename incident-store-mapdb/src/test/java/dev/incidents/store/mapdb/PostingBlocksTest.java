package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.Fun;
import org.quicktheories.QuickTheory;

/**
 * The blocks of facet postings: any set of numbers of a block survives its bytes, which stay small; bytes
 * that are not a block are refused with a message naming it; and a store whose incidents span many blocks,
 * changed across block boundaries in single commits and in groups, pages a filter exactly, also after
 * reopening.
 */
class PostingBlocksTest {

  private static final Fun.Tuple3<String, String, Long> KEY = Fun.t3("acme", "s0", 2048L);

  @Test
  void anySetOfNumbersOfABlockSurvivesItsBytes() {
    QuickTheory.qt().withExamples(2_000).forAll(
        lists().of(integers().between(0, PostingBlocks.WIDTH - 1)).ofSizeBetween(0, 1_200),
        integers().between(0, 3)).checkAssert((offsets, density) -> {
          BitSet numbers = new BitSet();
          // dense runs too, so that both encodings occur
          for (int offset : offsets) {
            numbers.set(density == 0 ? offset : offset / (density + 1) * (density + 1));
          }
          byte[] bytes = PostingBlocks.encode(numbers);
          assertThat(PostingBlocks.decode(KEY, bytes)).isEqualTo(numbers);
          assertThat(bytes.length).isLessThanOrEqualTo(1 + PostingBlocks.WIDTH / 8);
        });
  }

  @Test
  void sparseBlocksAreSmallAndFullOnesAreBitmaps() {
    BitSet one = new BitSet();
    one.set(1023);
    assertThat(PostingBlocks.encode(one)).containsExactly(PostingBlocks.GAPS, (byte) 0x80, (byte) 0x08);
    BitSet full = new BitSet();
    full.set(0, PostingBlocks.WIDTH);
    byte[] bytes = PostingBlocks.encode(full);
    assertThat(bytes).hasSize(1 + PostingBlocks.WIDTH / 8);
    assertThat(bytes[0]).isEqualTo(PostingBlocks.BITMAP);
    assertThat(PostingBlocks.start(1023)).isZero();
    assertThat(PostingBlocks.start(1024)).isEqualTo(1024);
    assertThat(PostingBlocks.start(5000)).isEqualTo(4096);
  }

  @Test
  void bytesThatAreNotABlockAreRefusedNamingIt() {
    for (byte[] bad : List.of(new byte[0], new byte[] {9, 1}, new byte[] {PostingBlocks.GAPS, 0},
        new byte[] {PostingBlocks.GAPS, (byte) 0x80}, new byte[] {PostingBlocks.GAPS, (byte) 0x80, 0x08, 1},
        new byte[] {PostingBlocks.GAPS, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1},
        new byte[1 + PostingBlocks.WIDTH / 8 + 1])) {
      if (bad.length > 2 && bad[0] == 0) {
        bad[0] = PostingBlocks.BITMAP; // a bitmap one byte too long
      }
      assertThatThrownBy(() -> PostingBlocks.decode(KEY, bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("postings block of term 's0' of tenant 'acme' from number 2048 is unusable");
    }
  }

  /**
   * 3,000 incidents (about three blocks) created in groups and alone, then moved in and out of severity 0
   * around the block boundaries and deleted, one commit each and in one group: every page of a severity-0
   * filter, in both orders and three page sizes, lists exactly the incidents at severity 0.
   */
  @Test
  void filteredPagesAcrossBlocksAreExactAfterChangesAndReopening(@TempDir Path dir) {
    Path file = dir.resolve("blocks.db");
    TreeSet<Long> atZero = new TreeSet<>();
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < 2_900; i++) {
        batch.add(new NewIncident("acme", null, null, number -> rendering(number, number % 7 == 0 ? 0 : 1)));
      }
      store.createAll(batch);
      for (int i = 0; i < 100; i++) {
        store.create(new NewIncident("acme", null, null, number -> rendering(number, number % 7 == 0 ? 0 : 1)));
      }
      for (long n = 1; n <= 3_000; n++) {
        if (n % 7 == 0) {
          atZero.add(n);
        }
      }
      // One commit each: across the boundaries of the first and second block.
      for (long n : List.of(1L, 1020L, 1023L, 1024L, 1025L, 2047L, 2048L, 3000L)) {
        long severity = atZero.contains(n) ? 1 : 0;
        update(store, n, severity);
        if (severity == 0) {
          atZero.add(n);
        } else {
          atZero.remove(n);
        }
      }
      for (long n : List.of(7L, 1022L, 2051L)) {
        assertThat(store.delete(new IncidentDeletion("acme", n, version(store, n), null)))
            .isInstanceOf(DeleteResult.Deleted.class);
        atZero.remove(n);
      }
      checkPages(store, atZero);
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      checkPages(store, atZero);
      // A block emptied by removals: every incident of severity 0 in the third block moves out.
      for (long n : new ArrayList<>(atZero.subSet(2048L, true, 3072L, false))) {
        update(store, n, 1);
        atZero.remove(n);
      }
      checkPages(store, atZero);
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      checkPages(store, atZero);
    }
  }

  private static void update(MapDbIncidentStore store, long number, long severity) {
    assertThat(store.update(new IncidentUpdate("acme", number, version(store, number), rendering(number, severity))))
        .isInstanceOf(UpdateResult.Updated.class);
  }

  private static long version(MapDbIncidentStore store, long number) {
    return store.get("acme", number).orElseThrow().version();
  }

  private static void checkPages(MapDbIncidentStore store, TreeSet<Long> atZero) {
    FacetFilter severityZero = new FacetFilter(Set.of(0L), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
    for (ListQuery.Order order : ListQuery.Order.values()) {
      for (int limit : new int[] {1, 37, 500}) {
        List<Long> listed = new ArrayList<>();
        ListQuery query = ListQuery.first(severityZero, order, limit);
        while (true) {
          List<StoredIncident> page = store.list("acme", query);
          if (page.isEmpty()) {
            break;
          }
          page.forEach(incident -> listed.add(incident.number()));
          query = query.after(page.get(page.size() - 1).number());
        }
        List<Long> expected = new ArrayList<>(order == ListQuery.Order.NEWEST_FIRST ? atZero.descendingSet() : atZero);
        assertThat(listed).as("%s, pages of %d", order, limit).isEqualTo(expected);
      }
    }
  }

  private static RenderedIncident rendering(long number, long severity) {
    return new RenderedIncident(NewIncidents.document(number, "severity " + severity), NewIncidents.facets(severity),
        null);
  }
}
