package dev.incidents.tck.internal;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.incidents.spi.StoreLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Names and numbers that go after the shortcuts stores take (issue 18): strings with equal
 * {@link String#hashCode()}, keys that differ only late (past the lengths where indexes, prefixes and
 * truncating columns stop looking), tenant and key pairs that concatenate alike around a separator, and
 * numbers that alias another one when narrowed to {@code int}.
 */
public final class Adversarial {

  /** Pairs of two-character blocks with equal hash codes ({@code "Aa"} and {@code "BB"}: 65 * 31 + 97 = 66 * 31 + 66). */
  private static final List<String[]> COLLIDING_BLOCKS = List.of(
      new String[] {"Aa", "BB"}, new String[] {"Ab", "BC"}, new String[] {"C#", "Bb"}, new String[] {"z~", "{_"});

  /** Where a key that differs late differs: just past common index prefixes and column lengths. */
  private static final List<Integer> LATE_POSITIONS = List.of(63, 64, 100, 127, 128, 190, 191, 254);

  /** Separators a store may put between a tenant and a key, or a namespace and a key; "" is none at all. */
  public static final List<String> TENANT_SEPARATORS = List.of("", "_", "-");

  /** The same for record namespaces, whose names may also contain {@code .}. */
  public static final List<String> NAMESPACE_SEPARATORS = List.of("", ".", "_", "-");

  /** The distance of the numbers {@link #aliasesOf} probes: they equal {@code n} in their low 32 bits. */
  public static final long TWO_TO_32 = 1L << 32;

  private Adversarial() {}

  /** A family of different keys a careless store takes for one, and what they have in common. */
  public record LookAlikes(String relation, List<String> keys) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(keys.size() + " keys that " + relation + ":");
      for (String key : keys) {
        sb.append(' ').append(Text.quote(Text.abbreviate(key, 40)));
      }
      return sb.toString();
    }
  }

  /**
   * Families of distinct valid idempotency keys: 2 to 16 keys of equal hash code (built of colliding blocks
   * between a common prefix and suffix), keys of the longest length that differ in one character late in
   * the key, and both at once (colliding blocks at the end of a long common prefix).
   */
  public static Gen<LookAlikes> lookAlikeKeys() {
    Gen<Integer> kinds = integers().between(0, 2);
    Gen<Integer> blocks = integers().between(1, 4);
    Gen<Integer> pairs = integers().between(0, COLLIDING_BLOCKS.size() - 1);
    Gen<Integer> shortLengths = integers().between(0, 6);
    Gen<Integer> printable = integers().between(0x20, 0x7e);
    return prng -> {
      int kind = kinds.generate(prng);
      if (kind == 1) {
        String base = printable(StoreLimits.MAX_KEY_LENGTH, printable, prng);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(base);
        for (int at : LATE_POSITIONS) {
          char c = base.charAt(at);
          keys.add(base.substring(0, at) + (char) (c == '~' ? ' ' : c + 1) + base.substring(at + 1));
        }
        return new LookAlikes("are " + StoreLimits.MAX_KEY_LENGTH + " characters long and differ in one character at "
            + "index 63 or later", List.copyOf(keys));
      }
      String prefix = kind == 2 ? printable(StoreLimits.MAX_KEY_LENGTH - 8 - 6, printable, prng)
          : printable(shortLengths.generate(prng), printable, prng);
      String suffix = printable(shortLengths.generate(prng), printable, prng);
      String[] pair = COLLIDING_BLOCKS.get(pairs.generate(prng));
      List<String> keys = new ArrayList<>();
      collide(prefix, suffix, pair, blocks.generate(prng), keys);
      return new LookAlikes("have the same String.hashCode() (blocks \"" + pair[0] + "\" and \"" + pair[1] + "\")"
          + (kind == 2 ? " after a common prefix of " + prefix.length() + " characters" : ""), keys);
    };
  }

  private static void collide(String prefix, String suffix, String[] pair, int blocks, List<String> into) {
    if (blocks == 0) {
      into.add(prefix + suffix);
      return;
    }
    collide(prefix + pair[0], suffix, pair, blocks - 1, into);
    collide(prefix + pair[1], suffix, pair, blocks - 1, into);
  }

  /** Tenant names of equal hash code: {@code prefix} followed by colliding blocks. */
  public static List<String> collidingNames(String prefix) {
    List<String> names = new ArrayList<>();
    collide(prefix, "", COLLIDING_BLOCKS.get(0), 2, names);
    return names;
  }

  private static String printable(int length, Gen<Integer> printable, RandomnessSource prng) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) printable.generate(prng).intValue());
    }
    return sb.toString();
  }

  /**
   * Two (scope, key) pairs that read alike once joined with {@code separator}: ({@code a+sep+b}, {@code c})
   * and ({@code a}, {@code b+sep+c}); the scope is a tenant or a record namespace.
   */
  public record Straddle(String firstScope, String firstKey, String secondScope, String secondKey, String separator) {
    @Override
    public String toString() {
      return "(" + Text.quote(firstScope) + ", " + Text.quote(firstKey) + ") and (" + Text.quote(secondScope) + ", "
          + Text.quote(secondKey) + "), alike when joined with " + (separator.isEmpty() ? "no separator"
          : Text.quote(separator));
    }
  }

  /**
   * Pairs of (scope, key) that straddle one of {@code separators}: {@code a}, {@code b} and {@code c} are
   * short runs of letters and digits (valid in tenants, namespaces and keys alike), and the separator sits in
   * the scope of the first pair and in the key of the second.
   */
  public static Gen<Straddle> straddles(List<String> separators, boolean lowerCase) {
    String alphabet = lowerCase ? "abcdefghijklmnopqrstuvwxyz0123456789" : Requests.TENANT_ALPHABET.replace("_", "")
        .replace("-", "");
    Gen<Integer> letters = integers().between(0, alphabet.length() - 1);
    Gen<Integer> lengths = integers().between(1, 4);
    Gen<Integer> separator = integers().between(0, separators.size() - 1);
    return prng -> {
      String[] parts = new String[3];
      for (int p = 0; p < 3; p++) {
        StringBuilder sb = new StringBuilder();
        int length = lengths.generate(prng);
        for (int i = 0; i < length; i++) {
          sb.append(alphabet.charAt(letters.generate(prng)));
        }
        parts[p] = sb.toString();
      }
      String sep = separators.get(separator.generate(prng));
      return new Straddle(parts[0] + sep + parts[1], parts[2], parts[0], parts[1] + sep + parts[2], sep);
    };
  }

  /**
   * Numbers that differ from {@code n} but alias it in a store that narrows a {@code long} to an
   * {@code int} (or keeps its low 32 bits): {@code n} plus and minus multiples of 2^32, with the sign bit
   * set, and far above every number a store has given.
   */
  public static List<Long> aliasesOf(long n) {
    return List.of(n + TWO_TO_32, n - TWO_TO_32, n + 3 * TWO_TO_32, n | Long.MIN_VALUE, n + (TWO_TO_32 << 20),
        -n - TWO_TO_32 * 5, n + Integer.MAX_VALUE + 1L);
  }

  /**
   * Fingerprints of the service's shape (64 lowercase hex digits) and near misses of it: each differs from a
   * SHA-256 in hex by case, by one character just outside the hex digits' ranges, or by its length.
   *
   * @param seed the kit's seed, so that runs differ
   */
  public static List<String> hexLookalikeFingerprints(long seed) {
    String hex = (String.format("%016x", seed) + "deadbeefcafef00d").repeat(2); // letters whatever the seed
    List<String> fingerprints = new ArrayList<>(List.of(hex, hex.toUpperCase(Locale.ROOT),
        hex.substring(0, 32) + "ABCDEF0123456789abcdef0123456789"));
    for (char outside : "/:@G`g".toCharArray()) {
      fingerprints.add(hex.substring(0, 63) + outside);
      fingerprints.add(outside + hex.substring(1));
    }
    fingerprints.add(" " + hex.substring(1));
    fingerprints.add(" " + hex.substring(0, 63));
    fingerprints.add(hex.substring(0, 63));
    return fingerprints;
  }
}
