package dev.incidents.tck.internal;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.json.IncidentJson;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.testing.Generators;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators the kit needs beyond core's {@link Generators}: small requests for rules about numbers and
 * lists, idempotency keys and their near misses, tenant names that a careless store would confuse, and
 * requests the service must reject.
 */
public final class Requests {

  /** The characters of a tenant name. */
  static final String TENANT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

  private Requests() {}

  /** A request with only a title: cheap to create, so rules about numbers and lists can create many. */
  public static IncidentCreateRequest titled(String title) {
    return IncidentCreateRequest.builder().title(title).build();
  }

  /** Small requests valid in any tenant: a unicode title, sometimes a body, a severity and a stage. */
  public static Gen<IncidentCreateRequest> small() {
    Gen<String> body = Generators.text(0, 120).toOptionals(50).map(o -> o.orElse(null));
    Gen<Long> severity = integers().between(0, 3).map(Integer::longValue).toOptionals(50).map(o -> o.orElse(null));
    Gen<String> stage = Generate.pick(List.of("acknowledged", "identified", "mitigated", "resolved"))
        .toOptionals(50).map(o -> o.orElse(null));
    return Generators.titles().zip(body, severity, stage, (title, b, s, st) -> IncidentCreateRequest.builder()
        .title(title).body(b).severity(s).stage(st == null ? null : StageRequest.of(st)).build())
        .describedAs(Requests::describe);
  }

  /**
   * A request in a few words, for failure messages: the title, the body's length, and every other field
   * that is set, abbreviated.
   */
  public static String describe(@Nullable IncidentCreateRequest request) {
    if (request == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("request(title ").append(Text.quote(request.title()));
    if (request.body() != null) {
      sb.append(", body of ").append(request.body().codePointCount(0, request.body().length())).append(" code points");
    }
    // Every other field as the contract's JSON, which omits absent ones.
    String rest = new String(IncidentJson.writeCreateRequest(request.toBuilder().title(null).body(null).build()),
        StandardCharsets.UTF_8);
    if (!rest.equals("{}")) {
      sb.append(", ").append(Text.escape(Text.abbreviate(rest, 300)));
    }
    return sb.append(')').toString();
  }

  /** The same request with another title: equal in every other field, so the fingerprint differs. */
  public static IncidentCreateRequest retitled(IncidentCreateRequest request) {
    String title = Objects.requireNonNull(request.title(), "a generated request has a title");
    String other = title.startsWith("Z") ? "Y" + title.substring(1) : "Z" + title.substring(1);
    return request.toBuilder().title(other).build();
  }

  /**
   * Idempotency keys: 1 to 255 printable ASCII characters, mostly short, sometimes exactly 255, sometimes
   * with spaces at either end (which a careless store trims).
   */
  public static Gen<String> keys() {
    Gen<Integer> printable = integers().between(0x20, 0x7e);
    Gen<Integer> lengths = Generate.frequency(
        Pair.of(6, integers().between(1, 12)),
        Pair.of(2, integers().between(13, IdempotencyKey.MAX_LENGTH)),
        Pair.of(1, Generate.constant(IdempotencyKey.MAX_LENGTH)));
    return prng -> {
      int length = lengths.generate(prng);
      StringBuilder sb = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        sb.append((char) printable.generate(prng).intValue());
      }
      return sb.toString();
    };
  }

  /**
   * A key made unique for one example by a prefix, cut to the longest allowed length: the generated part
   * keeps its odd characters, and keys of earlier examples never collide with it.
   */
  public static String unique(String prefix, String key) {
    String k = prefix + key;
    return k.length() <= IdempotencyKey.MAX_LENGTH ? k : k.substring(0, IdempotencyKey.MAX_LENGTH);
  }

  /** What a careless store might take for the same key: another case, a space added, a character dropped. */
  public enum NearMiss {
    /** The case of every letter swapped (a case-insensitive collation matches it). */
    OTHER_CASE,
    /** A trailing space added (a PAD SPACE collation or a CHAR column matches it). */
    TRAILING_SPACE,
    /** A leading space added (a trimming store matches it). */
    LEADING_SPACE,
    /** The last character dropped (a prefix comparison matches it). */
    PREFIX,
    /** One more character (a prefix comparison matches it). */
    EXTENDED,
    /** A character replaced by {@code _} (an unescaped SQL LIKE matches it). */
    WILDCARD;

    /** The near miss of {@code key}; always a different, valid key. */
    public String apply(String key) {
      String candidate = switch (this) {
        case OTHER_CASE -> swapCase(key);
        case TRAILING_SPACE -> key + " ";
        case LEADING_SPACE -> " " + key;
        case PREFIX -> key.substring(0, key.length() - 1);
        case EXTENDED -> key + "x";
        case WILDCARD -> key.substring(0, key.length() - 1) + "_";
      };
      if (candidate.isEmpty() || candidate.equals(key) || candidate.length() > IdempotencyKey.MAX_LENGTH) {
        // Too short, too long or unchanged: fall back to a different key of the same length.
        char last = key.charAt(key.length() - 1);
        candidate = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
      }
      return candidate;
    }
  }

  /** Swaps the case of ASCII letters. */
  static String swapCase(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        sb.append((char) (c - 32));
      } else if (c >= 'A' && c <= 'Z') {
        sb.append((char) (c + 32));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Two different tenant names that a careless store might confuse. */
  public record TenantPair(String first, String second, String relation) {
    @Override
    public String toString() {
      return "tenants '" + first + "' and '" + second + "' (" + relation + ")";
    }

    /** Both names behind a prefix that makes them unique to one example; the relation between them stays. */
    public TenantPair prefixed(String prefix) {
      return new TenantPair(prefix + first, prefix + second, relation);
    }
  }

  /**
   * Pairs of tenant names, at most {@code maxLength} characters each: names that differ only in case, where
   * one is a prefix of the other, where one has {@code _} (an SQL LIKE wildcard) where the other has a
   * letter, and unrelated names.
   */
  public static Gen<TenantPair> tenantPairs(int maxLength) {
    Gen<String> names = lists().of(integers().between(0, TENANT_ALPHABET.length() - 1))
        .ofSizeBetween(1, maxLength - 2)
        .map(indices -> {
          StringBuilder sb = new StringBuilder();
          indices.forEach(i -> sb.append(TENANT_ALPHABET.charAt(i)));
          return sb.toString();
        });
    Gen<Integer> relation = integers().between(0, 3);
    return names.zip(names, relation, (a, b, r) -> switch (r) {
      case 0 -> {
        String upper = "a" + a;
        yield new TenantPair(upper, swapCase(upper), "differ only in case");
      }
      case 1 -> new TenantPair(a, a + "x", "the first is a prefix of the second");
      case 2 -> {
        String base = "a" + a;
        int at = base.length() / 2;
        String wild = base.substring(0, at) + "_" + base.substring(at + 1);
        String plain = base.substring(0, at) + (base.charAt(at) == 'q' ? 'r' : 'q') + base.substring(at + 1);
        yield new TenantPair(wild, plain, "'_' where the other has a letter");
      }
      default -> a.equals(b) ? new TenantPair(a, b + "0", "the first is a prefix of the second")
          : new TenantPair(a, b, "unrelated");
    });
  }

  /** A request the service must reject, and why. */
  public record Invalid(IncidentCreateRequest request, String actor, String why) {
    @Override
    public String toString() {
      return why + " by " + actor + ": " + describe(request);
    }
  }

  /** Requests that break one rule of docs/CONTRACT.md each, valid in every other respect, for tenant {@code tenant}. */
  public static Gen<Invalid> invalid(String tenant) {
    Gen<IncidentCreateRequest> base = small();
    Gen<Integer> kind = integers().between(0, 10);
    return base.zip(kind, (request, k) -> breakOne(request, k, tenant));
  }

  private static Invalid breakOne(IncidentCreateRequest valid, int kind, String tenant) {
    IncidentCreateRequest.Builder b = valid.toBuilder();
    String actor = Generators.ACTOR;
    String why;
    switch (kind) {
      case 0 -> {
        b.title(" \t ");
        why = "blank title";
      }
      case 1 -> {
        b.title("T".repeat(IncidentCreateRequest.MAX_TITLE + 1));
        why = "title of " + (IncidentCreateRequest.MAX_TITLE + 1) + " code points";
      }
      case 2 -> {
        b.identifiedDate(Generators.NOW.plus(Duration.ofDays(1)));
        why = "identified_date a day in the future";
      }
      case 3 -> {
        b.identifiedDate(Generators.NOW.minus(Duration.ofDays(1))).acknowledgedDate(Generators.NOW.minus(Duration.ofDays(2)));
        why = "acknowledged_date before identified_date";
      }
      case 4 -> {
        b.severity(9L);
        why = "severity outside its catalog";
      }
      case 5 -> {
        b.ownedBy("PROD-1");
        why = "a part id in owned_by";
      }
      case 6 -> {
        b.ownedBy("not an id");
        why = "an unparseable id in owned_by";
      }
      case 7 -> {
        b.stage("no-such-stage");
        why = "an unknown stage";
      }
      case 8 -> {
        b.source(1L);
        actor = "DEVU-1";
        why = "source set by a dev user";
      }
      case 9 -> {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= IncidentCreateRequest.MAX_IDS + 1; i++) {
          many.add("DEVU-" + i);
        }
        b.stakeholders(many);
        why = (IncidentCreateRequest.MAX_IDS + 1) + " stakeholders";
      }
      default -> {
        b.artifacts("don:core:" + Generators.PARTITION + ":devo/" + (tenant.equals("other") ? "another" : "other")
            + ":artifact/1");
        why = "an artifact DON of another dev org";
      }
    }
    return new Invalid(b.build(), actor, why);
  }

  /** A fair coin, for generators that need one. */
  public static Gen<Boolean> coin() {
    return booleans().all();
  }
}
