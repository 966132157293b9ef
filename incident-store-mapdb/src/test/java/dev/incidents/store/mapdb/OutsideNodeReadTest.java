package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A read of a value kept outside the B-tree nodes that fails is excused only when the writer is changing that
 * value (MapDB CI once failed tck507 on "data were read beyond record size": a page read a document record
 * the writer had freed and reused in its open group); otherwise the failure is damage and reaches the caller.
 */
class OutsideNodeReadTest {

  private static final byte[] VALUE = {1, 2, 3};

  @Test
  void aReadThatSucceedsIsTheValueWhateverTheWriterDoes() {
    assertThat(View.outsideNode(() -> VALUE, () -> true)).isSameAs(VALUE);
    assertThat(View.outsideNode(() -> VALUE, () -> false)).isSameAs(VALUE);
    assertThat(View.outsideNode(() -> null, () -> false)).isNull();
  }

  @Test
  void aFailureWhileTheWriterChangesTheValueLeavesItToTheOverlay() {
    assertThat(View.outsideNode(() -> {
      throw new AssertionError("data were read beyond record size, check your serializer");
    }, () -> true)).isNull();
    assertThat(View.outsideNode(() -> {
      throw new ClassCastException("a B-tree node where a byte[] was");
    }, () -> true)).isNull();
  }

  @Test
  void aFailureNobodyExplainsIsThrown() {
    AssertionError damage = new AssertionError("data were read beyond record size, check your serializer");
    assertThatThrownBy(() -> View.outsideNode(() -> {
      throw damage;
    }, () -> false)).isSameAs(damage);
    IllegalStateException closed = new IllegalStateException("closed");
    assertThatThrownBy(() -> View.outsideNode(() -> {
      throw closed;
    }, () -> false)).isSameAs(closed);
  }

  @Test
  void theVirtualMachineFailingIsNeverExcused() {
    OutOfMemoryError full = new OutOfMemoryError("Java heap space");
    assertThatThrownBy(() -> View.outsideNode(() -> {
      throw full;
    }, () -> true)).isSameAs(full);
  }
}
