package dev.incidents.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The in-memory store's postings behave as a sorted set of numbers: any sequence of adds and removes, in any
 * order and with blocks small enough to split and empty often, leaves the same numbers, the same answers and
 * the same iteration from any boundary, both ways, as a {@link TreeSet}.
 */
class PostingsTest {

  @Test
  void anySequenceOfAddsAndRemovesMatchesASortedSet() {
    // Operation i is, by its kind: 0, remove a drawn number; 1 or 2, append i (numbers mostly increase, as a
    // store allocates them); 3, add a drawn number (an update moving an old incident to this value).
    QuickTheory.qt().withExamples(3_000).forAll(
        lists().of(integers().between(-40, 199)).ofSizeBetween(0, 400),
        lists().of(integers().between(0, 3)).ofSizeBetween(400, 400),
        integers().between(2, 9)).checkAssert((numbers, kinds, blockSize) -> {
          Postings postings = new Postings(blockSize);
          NavigableSet<Long> model = new TreeSet<>();
          for (int i = 0; i < numbers.size(); i++) {
            int kind = kinds.get(i);
            long number = kind == 1 || kind == 2 ? i : numbers.get(i);
            if (kind == 0) {
              postings.remove(number);
              model.remove(number);
            } else {
              postings.add(number);
              model.add(number);
            }
            assertThat(postings.size()).isEqualTo(model.size());
          }
          assertThat(postings.isEmpty()).isEqualTo(model.isEmpty());
          for (long boundary = -42; boundary <= 402; boundary += 1) {
            assertThat(drain(postings.after(boundary))).isEqualTo(new ArrayList<>(model.tailSet(boundary, false)));
            assertThat(drain(postings.before(boundary)))
                .isEqualTo(new ArrayList<>(model.headSet(boundary, false).descendingSet()));
          }
        });
  }

  @Test
  void blocksSplitMergeBackToEmptyAndTakeNumbersBelowTheFirst() {
    Postings postings = new Postings(4);
    for (long n = 100; n > 0; n -= 3) { // descending: every add goes below the first block's key
      postings.add(n);
    }
    for (long n = 2; n <= 100; n += 3) { // into the middle of full blocks
      postings.add(n);
    }
    assertThat(postings.size()).isEqualTo(67); // 34 and 33
    assertThat(drain(postings.after(Long.MIN_VALUE))).hasSize(67).isSorted().doesNotHaveDuplicates();
    for (long n = 1; n <= 100; n++) {
      postings.remove(n);
    }
    assertThat(postings.isEmpty()).isTrue();
    assertThat(drain(postings.after(Long.MIN_VALUE))).isEmpty();
    assertThat(drain(postings.before(Long.MAX_VALUE))).isEmpty();
    postings.add(7);
    postings.add(7);
    assertThat(drain(postings.before(Long.MAX_VALUE))).containsExactly(7L);
  }

  @Test
  void anExhaustedIteratorSaysSo() {
    Postings postings = new Postings();
    postings.add(1);
    PrimitiveIterator.OfLong after = postings.after(0);
    assertThat(after.nextLong()).isEqualTo(1);
    assertThatThrownBy(after::nextLong).isInstanceOf(NoSuchElementException.class);
    PrimitiveIterator.OfLong before = postings.before(1);
    assertThatThrownBy(before::nextLong).isInstanceOf(NoSuchElementException.class);
  }

  private static List<Long> drain(Iterator<Long> numbers) {
    List<Long> all = new ArrayList<>();
    numbers.forEachRemaining(all::add);
    return all;
  }
}
