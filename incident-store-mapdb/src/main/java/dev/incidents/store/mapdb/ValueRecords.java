package dev.incidents.store.mapdb;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.mapdb.BTreeMap;
import org.mapdb.Engine;
import org.mapdb.Serializer;

/**
 * Frees the records of values that a B-tree with values outside its nodes no longer references. MapDB
 * 1.0.9's {@link BTreeMap} never deletes such a record: a put over an existing key writes a new record and
 * a removal drops only the reference, so without this every update would leave the old document in the
 * file for good (a 100 KB document updated 100 times grew the data file by 10 MB), a deleted document
 * would stay readable in the file, and pruned events would never give their space back. MapDB offers no
 * API for the record behind a key, so this reads it with reflection ({@code BTreeMap.get(key, false)}
 * returns the reference; MapDB is an automatic module, whose packages are open).
 *
 * <p>Readers may still hold a reference to a record freed (or already reused) in the current group; every
 * read that can meet one checks the {@link Overlay} afterwards, which holds the committed value.
 */
final class ValueRecords {

  private static final Method GET_REFERENCE;
  private static final Field RECID;

  static {
    try {
      GET_REFERENCE = BTreeMap.class.getDeclaredMethod("get", Object.class, boolean.class);
      GET_REFERENCE.setAccessible(true);
      RECID = Class.forName("org.mapdb.BTreeMap$ValRef").getDeclaredField("recid");
      RECID.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("this MapDB is not 1.0.9: " + e);
    }
  }

  private ValueRecords() {}

  /** The record holding the value of {@code key} in {@code map} (values outside nodes), or 0 if none. */
  static long recordOf(BTreeMap<?, ?> map, Object key) {
    try {
      Object reference = GET_REFERENCE.invoke(map, key, false);
      return reference == null ? 0 : RECID.getLong(reference);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Deletes a record {@link #recordOf} returned, once the map no longer references it. */
  static void free(Engine engine, long record) {
    if (record != 0) {
      engine.delete(record, Serializer.BYTE_ARRAY);
    }
  }
}
