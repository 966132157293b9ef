package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.testing.Theories;
import java.io.DataInput;
import java.io.File;
import java.io.IOError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.CC;
import org.mapdb.Volume;
import org.quicktheories.QuickTheory;

/**
 * The log kept in memory reads and leaves in its file exactly what MapDB's own log volume
 * ({@code FileChannelVol}) does, at every sync and at close, whatever MapDB writes where, also past its memory;
 * between syncs a seal never reaches the file before the records it seals, and a reset log is unsealed in the
 * file at once.
 */
class BufferedLogTest {

  private static final int SEAL_OFFSET = 8;
  private static final int HEADER_SIZE = 16;
  private static final long SEAL = 4566556446554645L;

  @TempDir
  Path directory;

  @Test
  void anySequenceOfWritesReadsAndSyncsMatchesMapDbsOwnVolume() {
    int[] run = {0};
    QuickTheory.qt().withExamples(Theories.EXAMPLES).forAll(
        lists().of(integers().all()).ofSizeBetween(1, 300),
        integers().between(16, 200)).checkAssert((operations, memoryLimit) -> {
          run[0]++;
          File ours = directory.resolve("ours-" + run[0] + ".t").toFile();
          File theirs = directory.resolve("theirs-" + run[0] + ".t").toFile();
          BufferedLog log = new BufferedLog(ours, memoryLimit);
          Volume reference = new Volume.FileChannelVol(theirs, false, 0, CC.VOLUME_CHUNK_SHIFT, 0);
          long length = 0;
          for (int operation : operations) {
            length = apply(operation, log, reference, length);
          }
          log.close();
          reference.close();
          assertThat(bytes(ours)).isEqualTo(bytes(theirs));
        });
  }

  /** One operation, decoded from an int so that a failing sequence shrinks; returns the log's length after it. */
  private static long apply(int operation, BufferedLog log, Volume reference, long length) {
    int offset = Math.floorMod(operation >>> 3, 300);
    long value = operation * 0x9E3779B97F4A7C15L;
    switch (Math.floorMod(operation, 8)) {
      case 0 -> {
        log.putByte(offset, (byte) value);
        reference.putByte(offset, (byte) value);
        return Math.max(length, offset + 1);
      }
      case 1 -> {
        log.putInt(offset, (int) value);
        reference.putInt(offset, (int) value);
        return Math.max(length, offset + 4);
      }
      case 2 -> {
        log.putLong(offset, value);
        reference.putLong(offset, value);
        return Math.max(length, offset + 8);
      }
      case 3, 4 -> {
        byte[] data = new byte[Math.floorMod(operation >>> 12, 100) + 3];
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) (value >>> (i % 8 * 8));
        }
        if (Math.floorMod(operation, 8) == 3) {
          log.putData(offset, data, 1, data.length - 2);
          reference.putData(offset, data, 1, data.length - 2);
        } else {
          ByteBuffer ourBuffer = ByteBuffer.wrap(data, 1, data.length - 2);
          log.putData(offset, ourBuffer);
          assertThat(ourBuffer.hasRemaining()).isFalse();
          reference.putData(offset, ByteBuffer.wrap(data, 1, data.length - 2));
        }
        return Math.max(length, offset + data.length - 2);
      }
      case 5 -> {
        log.sync();
        reference.sync();
        assertThat(bytes(log.getFile())).isEqualTo(bytes(reference.getFile()));
        return length;
      }
      case 6 -> {
        long size = Math.min(length, Math.floorMod(operation >>> 3, 40));
        log.truncate(size);
        reference.truncate(size);
        return size;
      }
      default -> {
        if (length == 0) {
          assertThat(log.isEmpty()).isTrue();
          return length;
        }
        int at = (int) Math.floorMod(operation >>> 3, length);
        assertThat(log.getByte(at)).isEqualTo(reference.getByte(at));
        if (at + 8 <= length) {
          assertThat(log.getLong(at)).isEqualTo(reference.getLong(at));
          assertThat(log.getInt(at)).isEqualTo(reference.getInt(at));
        }
        int size = (int) Math.min(length - at, 1 + Math.floorMod(operation >>> 12, 120));
        assertThat(read(log.getDataInput(at, size), size)).isEqualTo(read(reference.getDataInput(at, size), size));
        assertThat(log.isEmpty()).isFalse();
        return length;
      }
    }
  }

  @Test
  void aSealReachesTheFileOnlyWithTheRecordsItSeals() throws IOException {
    File file = directory.resolve("log.t").toFile();
    BufferedLog log = new BufferedLog(file);
    header(log, 0);
    assertThat(bytes(file)).hasSize(16);

    log.putData(16, new byte[] {1, 2, 3, 4, 5}, 0, 5);
    log.putLong(SEAL_OFFSET, SEAL);
    // as a crash now would find it: the header of an unsealed log, no records
    assertThat(Arrays.copyOfRange(bytes(file), SEAL_OFFSET, 16)).containsOnly(0);
    assertThat(bytes(file)).hasSize(16);

    log.sync();
    byte[] synced = bytes(file);
    assertThat(ByteBuffer.wrap(synced).getLong(SEAL_OFFSET)).isEqualTo(SEAL);
    assertThat(Arrays.copyOfRange(synced, 16, 21)).containsExactly(1, 2, 3, 4, 5);
    log.close();
  }

  @Test
  void aResetLogIsUnsealedInTheFileAtOnce() throws IOException {
    File file = directory.resolve("log.t").toFile();
    BufferedLog log = new BufferedLog(file);
    header(log, 0);
    log.putData(16, new byte[100], 0, 100);
    log.putLong(SEAL_OFFSET, SEAL);
    log.sync();

    // MapDB's reset after replaying the commit, without a sync of its own
    log.truncate(16);
    header(log, 0);
    assertThat(bytes(file)).hasSize(16);
    assertThat(ByteBuffer.wrap(bytes(file)).getLong(SEAL_OFFSET)).isZero();
    log.close();
  }

  @Test
  void aCommitPastTheMemoryLimitIsWrittenAndReadThroughTheFile() throws IOException {
    File file = directory.resolve("log.t").toFile();
    BufferedLog log = new BufferedLog(file, 64);
    header(log, 0);
    byte[] record = new byte[200];
    Arrays.fill(record, (byte) 7);
    log.putData(16, record, 0, record.length);
    // the part past the memory is in the file already, the part in memory not yet
    assertThat(bytes(file)).hasSize(216);
    assertThat(bytes(file)[20]).isZero();
    assertThat(bytes(file)[100]).isEqualTo((byte) 7);
    assertThat(read(log.getDataInput(16, 200), 200)).isEqualTo(record);

    log.sync();
    assertThat(Arrays.copyOfRange(bytes(file), 16, 216)).isEqualTo(record);
    log.close();
  }

  @Test
  void theHeapItTakesIsBoundedAndALargeCommitDoesNotKeepIt() {
    BufferedLog log = new BufferedLog(directory.resolve("log.t").toFile());
    header(log, 0);
    byte[] record = new byte[1 << 20];
    for (int i = 0; i < 12; i++) {
      // as MapDB does before each record
      log.ensureAvailable(HEADER_SIZE + (long) (i + 1) * record.length);
      log.putData(HEADER_SIZE + (long) i * record.length, record, 0, record.length);
    }
    assertThat(log.memoryHeld()).isEqualTo(BufferedLog.MEMORY_LIMIT);
    log.putLong(SEAL_OFFSET, SEAL);
    log.sync();

    log.truncate(HEADER_SIZE);
    header(log, 0);
    assertThat(log.memoryHeld()).isLessThan(BufferedLog.RETAINED_MEMORY);
    log.close();
  }

  @Test
  void opensWhatItsFileHolds() throws IOException {
    File file = directory.resolve("log.t").toFile();
    byte[] content = new byte[300];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(file.toPath(), content);
    BufferedLog log = new BufferedLog(file, 100);
    assertThat(read(log.getDataInput(0, 300), 300)).isEqualTo(content);
    assertThat(log.getLong(96)).isEqualTo(ByteBuffer.wrap(content).getLong(96));
    log.close();
  }

  @Test
  void readingPastTheEndFailsAsMapDbsVolumeDoes() {
    BufferedLog log = new BufferedLog(directory.resolve("log.t").toFile());
    header(log, 0);
    assertThatThrownBy(() -> log.getLong(12)).isInstanceOf(IOError.class)
        .hasMessageContaining("past the end of the log");
    log.close();
  }

  private static void header(Volume log, long seal) {
    log.putInt(0, 0x1234ABCD);
    log.putUnsignedShort(4, 1);
    log.putUnsignedShort(6, 2);
    log.putLong(SEAL_OFFSET, seal);
  }

  private static byte[] read(DataInput input, int size) {
    byte[] bytes = new byte[size];
    try {
      input.readFully(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes;
  }

  private static byte[] bytes(File file) {
    try {
      return Files.readAllBytes(file.toPath());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
