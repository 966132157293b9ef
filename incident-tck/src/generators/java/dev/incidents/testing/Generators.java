package dev.incidents.testing;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import dev.incidents.reference.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of valid create requests covering every field: unicode text up to the maximum
 * sizes, id lists in display-id and DON form (with duplicates), every catalog value and stage, dates
 * across the allowed range. Shared by the core tests and incident-tck.
 *
 * <p>Requests are valid under the default catalogs and stage diagram, partition {@value #PARTITION},
 * a clock reading {@link #NOW} (see {@link MutableClock#atGeneratorsNow()}), and an actor of type
 * {@code sys_user} such as {@value #ACTOR} (only such actors may set {@code source}).
 */
public final class Generators {

  /** The instant generated dates are valid against: milestones lie before it. */
  public static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  /** The partition generated DONs use. */
  public static final String PARTITION = "local";
  /** An actor that may set every field. */
  public static final String ACTOR = "SYSU-1";

  private static final long EPOCH_MILLIS_1970 = 0L;
  private static final long MILLIS_9999 = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private Generators() {}

  /** Tenant names: {@code [A-Za-z0-9_-]{1,64}}. */
  public static Gen<String> tenants() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(1, 64)
        .map(indices -> {
          StringBuilder sb = new StringBuilder();
          indices.forEach(i -> sb.append(alphabet.charAt(i)));
          return sb.toString();
        });
  }

  /**
   * Code points that every store keeps: printable ASCII most often, then Latin-1, Greek, CJK, emoji
   * (outside the BMP), combining marks and white space. Never U+0000 or a surrogate.
   */
  public static Gen<Integer> codePoints() {
    return Generate.frequency(
        Pair.of(20, integers().between(0x20, 0x7e)),
        Pair.of(3, integers().between(0xa0, 0xff)),
        Pair.of(2, integers().between(0x391, 0x3c9)),
        Pair.of(2, integers().between(0x4e00, 0x9fff)),
        Pair.of(2, integers().between(0x1f600, 0x1f64f)),
        Pair.of(1, integers().between(0x300, 0x36f)),
        Pair.of(1, Generate.pick(List.of((int) '\t', (int) '\n', (int) '\r', 0x2028, 0xfeff))));
  }

  /**
   * Text of {@code min} to {@code max} code points, mostly short, sometimes exactly {@code max}. Long text
   * repeats a random piece of up to 64 code points, so a failing example with a 65,536-code-point body
   * still shrinks quickly (QuickTheories records every random draw).
   */
  public static Gen<String> text(int min, int max) {
    Gen<Integer> lengths = Generate.frequency(
        Pair.of(8, integers().between(min, Math.min(max, min + 20))),
        Pair.of(2, integers().between(min, max)),
        Pair.of(1, Generate.constant(max)));
    Gen<Integer> cps = codePoints();
    return prng -> {
      int length = lengths.generate(prng);
      int pieceLength = Math.min(length, 64);
      int[] piece = new int[pieceLength];
      for (int i = 0; i < pieceLength; i++) {
        piece[i] = cps.generate(prng);
      }
      StringBuilder sb = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        sb.appendCodePoint(piece[i % pieceLength]);
      }
      return sb.toString();
    };
  }

  /** A title: 1 to 256 code points, not blank. */
  public static Gen<String> titles() {
    return text(0, 255).zip(integers().between('A', 'Z'), (rest, first) -> (char) first.intValue() + rest);
  }

  /** An id of one of {@code types} in {@code tenant}: a display id or a DON, numbers of any size. */
  public static Gen<String> ids(String tenant, ObjectType... types) {
    Gen<ObjectType> type = Generate.pick(List.of(types));
    Gen<Long> number = Generate.frequency(
        Pair.of(8, longs().between(1, 20)),
        Pair.of(1, longs().between(1, Long.MAX_VALUE)));
    return prng -> {
      ObjectType t = type.generate(prng);
      long n = number.generate(prng);
      return booleans().all().generate(prng) ? t.prefix() + "-" + n
          : "don:" + t.namespace() + ":" + PARTITION + ":devo/" + tenant + ":" + t.donSegment() + "/" + n;
    };
  }

  /** A list of 0 to 100 ids, usually short; duplicates are likely. */
  public static Gen<List<String>> idLists(String tenant, ObjectType... types) {
    return lists().of(ids(tenant, types)).ofSizes(listSizes());
  }

  private static Gen<Integer> listSizes() {
    return Generate.frequency(
        Pair.of(6, Generate.constant(0)),
        Pair.of(6, integers().between(1, 5)),
        Pair.of(1, integers().between(6, 100)),
        Pair.of(1, Generate.constant(100)));
  }

  /** Parts. */
  public static Gen<List<String>> parts(String tenant) {
    return idLists(tenant, ObjectType.PRODUCT, ObjectType.CAPABILITY, ObjectType.FEATURE, ObjectType.ENHANCEMENT);
  }

  /** Users. */
  public static Gen<List<String>> users(String tenant) {
    return idLists(tenant, ObjectType.DEV_USER, ObjectType.REV_USER, ObjectType.SERVICE_ACCOUNT, ObjectType.SYS_USER);
  }

  /** An instant from 1970 to {@link #NOW}, millisecond precision. */
  public static Gen<Instant> pastInstants() {
    return longs().between(EPOCH_MILLIS_1970, NOW.toEpochMilli()).map(Instant::ofEpochMilli);
  }

  /** An instant from 1970 to the end of 9999, millisecond precision. */
  public static Gen<Instant> anyInstants() {
    return longs().between(EPOCH_MILLIS_1970, MILLIS_9999).map(Instant::ofEpochMilli);
  }

  private static <T> Gen<T> sometimes(Gen<T> gen) {
    return gen.toOptionals(40).map(o -> o.orElse(null));
  }

  /** A valid create request in {@code tenant}: every field present or absent independently. */
  public static Gen<IncidentCreateRequest> requests(String tenant) {
    Gen<String> body = sometimes(text(0, IncidentCreateRequest.MAX_BODY));
    Gen<Instant> identified = sometimes(pastInstants());
    Gen<Long> offset = longs().between(0, 90L * 24 * 3600 * 1000);
    Gen<Instant> target = sometimes(anyInstants());
    Gen<List<String>> artifacts = idLists(tenant, ObjectType.ARTIFACT);
    Gen<List<String>> articles = idLists(tenant, ObjectType.ARTICLE);
    Gen<List<String>> accounts = idLists(tenant, ObjectType.ACCOUNT);
    Gen<ImpactRequest> impact = sometimes(sometimes(longs().between(0, Long.MAX_VALUE))
        .zip(accounts, ImpactRequest::new));
    Gen<Long> catalogId = sometimes(longs().between(0, 3));
    Gen<StageRequest> stage = sometimes(stageNames(tenant).zip(sometimes(text(0, 200)), StageRequest::new));
    Gen<TagRequest> tag = ids(tenant, ObjectType.TAG).zip(sometimes(text(0, 64)), TagRequest::new);
    Gen<List<TagRequest>> tags = lists().of(tag).ofSizes(listSizes());
    Gen<Boolean> flag = booleans().all();
    return prng -> {
      Instant identifiedDate = identified.generate(prng);
      IncidentCreateRequest.Builder b = IncidentCreateRequest.builder()
          .title(titles().generate(prng))
          .body(body.generate(prng))
          .identifiedDate(identifiedDate);
      // Milestones may not precede identification, nor lie in the future of NOW.
      Instant floor = identifiedDate == null ? Instant.EPOCH : identifiedDate;
      if (flag.generate(prng)) {
        b.acknowledgedDate(min(floor.plusMillis(offset.generate(prng)), NOW));
      }
      if (flag.generate(prng)) {
        b.mitigatedDate(min(floor.plusMillis(offset.generate(prng)), NOW));
      }
      return b.targetCloseDate(target.generate(prng))
          .appliesToParts(parts(tenant).generate(prng))
          .artifacts(artifacts.generate(prng))
          .ownedBy(users(tenant).generate(prng))
          .stakeholders(users(tenant).generate(prng))
          .pia(articles.generate(prng))
          .playbooks(articles.generate(prng))
          .relatedDocs(articles.generate(prng))
          .impactedCustomers(accounts.generate(prng))
          .impact(impact.generate(prng))
          .customSchemaSpec(flag.generate(prng) ? null : new CustomSchemaSpec(List.of(), null, flag.generate(prng), flag.generate(prng)))
          .reportedBy(catalogId.generate(prng))
          .severity(catalogId.generate(prng))
          .source(catalogId.generate(prng))
          .stage(stage.generate(prng))
          .tags(tags.generate(prng))
          .build();
    };
  }

  /** A request with every field present and at its largest: 256-code-point title, 100 ids per list. */
  public static Gen<IncidentCreateRequest> maximalRequests(String tenant) {
    Gen<String> title = text(IncidentCreateRequest.MAX_TITLE - 1, IncidentCreateRequest.MAX_TITLE - 1).map(s -> "T" + s);
    Gen<String> body = text(IncidentCreateRequest.MAX_BODY, IncidentCreateRequest.MAX_BODY);
    Gen<List<String>> hundred = lists().of(ids(tenant, ObjectType.DEV_USER)).ofSize(IncidentCreateRequest.MAX_IDS);
    return prng -> {
      List<TagRequest> tags = new ArrayList<>();
      for (String id : lists().of(ids(tenant, ObjectType.TAG)).ofSize(IncidentCreateRequest.MAX_IDS).generate(prng)) {
        tags.add(new TagRequest(id, text(1, 64).generate(prng)));
      }
      return requests(tenant).generate(prng).toBuilder()
          .title(title.generate(prng))
          .body(body.generate(prng))
          .identifiedDate(NOW.minusSeconds(3600))
          .acknowledgedDate(NOW.minusSeconds(1800))
          .mitigatedDate(NOW)
          .targetCloseDate(Instant.ofEpochMilli(MILLIS_9999))
          .ownedBy(hundred.generate(prng))
          .stakeholders(hundred.generate(prng))
          .tags(tags)
          .severity(3L)
          .reportedBy(3L)
          .source(3L)
          .impact(new ImpactRequest(Long.MAX_VALUE, lists().of(ids(tenant, ObjectType.ACCOUNT)).ofSize(100).generate(prng)))
          .stage(new StageRequest("resolved", text(100, 100).generate(prng)))
          .build();
    };
  }

  /** Stage names and DONs of the default diagram. */
  public static Gen<String> stageNames(String tenant) {
    List<String> stages = new ArrayList<>(List.of("acknowledged", "identified", "mitigated", "resolved"));
    for (int k = 1; k <= 4; k++) {
      stages.add("don:core:" + PARTITION + ":devo/" + tenant + ":custom_stage/" + k);
    }
    return Generate.pick(stages);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
