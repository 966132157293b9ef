package dev.incidents.testing;

import dev.incidents.model.FieldUpdate;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Updates with their expected outcome: an incident created from one valid request, an update that keeps,
 * clears or sets each field (setting it to the value of a second valid request), and the create request
 * that says what the incident must say after the update. With a fixed clock, creating that merged request
 * in a fresh store gives exactly the incident the update must give.
 */
public final class UpdateCases {

  private UpdateCases() {}

  /**
   * One case.
   *
   * @param original what the incident was created from
   * @param update the update, for incident {@code INC-1} (use {@link IncidentUpdateRequest#withId} for another)
   * @param merged the create request equivalent to {@code original} after {@code update}
   */
  public record UpdateCase(IncidentCreateRequest original, IncidentUpdateRequest update, IncidentCreateRequest merged) {
    @Override
    public String toString() {
      return "update of " + original + "\n  with " + update + "\n  expected " + merged;
    }
  }

  /** Cases in {@code tenant}; the merged request may break a date-order rule, which callers skip. */
  public static Gen<UpdateCase> cases(String tenant) {
    Gen<IncidentCreateRequest> requests = Generators.requests(tenant);
    // 0 keeps, 1 sets from the second request, 2 clears (where a field may be cleared).
    Gen<Integer> choice = SourceDSL.integers().between(0, 2);
    return prng -> {
      IncidentCreateRequest a = requests.generate(prng);
      IncidentCreateRequest b = requests.generate(prng);
      IncidentUpdateRequest.Builder update = IncidentUpdateRequest.builder("INC-1");
      IncidentCreateRequest.Builder merged = a.toBuilder();
      Picker pick = new Picker(choice, prng);
      if (pick.set()) {
        update.title(Objects.requireNonNull(b.title(), "a generated request has a title"));
        merged.title(b.title());
      }
      update.body(pick.field(b.body(), merged::body, a.body()));
      update.acknowledgedDate(pick.field(b.acknowledgedDate(), merged::acknowledgedDate, a.acknowledgedDate()));
      update.identifiedDate(pick.field(b.identifiedDate(), merged::identifiedDate, a.identifiedDate()));
      update.mitigatedDate(pick.field(b.mitigatedDate(), merged::mitigatedDate, a.mitigatedDate()));
      update.targetCloseDate(pick.field(b.targetCloseDate(), merged::targetCloseDate, a.targetCloseDate()));
      update.appliesToParts(pick.list(b.appliesToParts(), merged::appliesToParts));
      update.artifacts(pick.list(b.artifacts(), merged::artifacts));
      update.ownedBy(pick.list(b.ownedBy(), merged::ownedBy));
      update.stakeholders(pick.list(b.stakeholders(), merged::stakeholders));
      update.pia(pick.list(b.pia(), merged::pia));
      update.playbooks(pick.list(b.playbooks(), merged::playbooks));
      update.relatedDocs(pick.list(b.relatedDocs(), merged::relatedDocs));
      update.impactedCustomers(pick.list(b.impactedCustomers(), merged::impactedCustomers));
      update.impact(pick.field(b.impact(), merged::impact, a.impact()));
      update.reportedBy(pick.field(b.reportedBy(), merged::reportedBy, a.reportedBy()));
      update.severity(pick.field(b.severity(), merged::severity, a.severity()));
      update.source(pick.field(b.source(), merged::source, a.source()));
      if (b.stage() != null && pick.set()) {
        update.stage(b.stage());
        merged.stage(b.stage());
      }
      update.tags(pick.list(b.tags(), merged::tags));
      return new UpdateCase(a, update.build(), merged.build());
    };
  }

  /** Chooses, field by field, what an update does. */
  private static final class Picker {
    private final Gen<Integer> choice;
    private final org.quicktheories.core.RandomnessSource prng;

    Picker(Gen<Integer> choice, org.quicktheories.core.RandomnessSource prng) {
      this.choice = choice;
      this.prng = prng;
    }

    boolean set() {
      return choice.generate(prng) == 1;
    }

    /** Keeps, sets to {@code value} (clears when it is null) or clears, and says so in {@code merged}. */
    <T> FieldUpdate<T> field(@Nullable T value, Consumer<@Nullable T> merged, @Nullable T original) {
      switch (choice.generate(prng)) {
        case 1:
          merged.accept(value);
          return FieldUpdate.setOrClear(value);
        case 2:
          merged.accept(null);
          return FieldUpdate.clear();
        default:
          merged.accept(original);
          return FieldUpdate.keep();
      }
    }

    /** Keeps, sets to {@code value} (possibly empty) or empties a list. */
    <T> FieldUpdate<List<T>> list(List<T> value, Consumer<List<T>> merged) {
      switch (choice.generate(prng)) {
        case 1:
          merged.accept(value);
          return FieldUpdate.set(value);
        case 2:
          merged.accept(List.of());
          return FieldUpdate.set(List.of());
        default:
          return FieldUpdate.keep();
      }
    }
  }
}
