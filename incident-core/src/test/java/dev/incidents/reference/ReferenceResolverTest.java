package dev.incidents.reference;

import dev.incidents.spi.ListQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ErrorType;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.error.Violation;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.TagRequest;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.SchemaFragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resolver SPI: one batch per create, unknown ids rejected at every path, names for tags, failures as 503. */
class ReferenceResolverTest {

  private static final RequestContext ACME = RequestContext.of("acme", "DEVU-1");

  /** Knows DEVU-1..9, PROD-1..9 and TAG-1 ("p1"); records every call. */
  private static final class Directory implements ReferenceResolver {
    final List<Set<Reference>> calls = new ArrayList<>();

    @Override
    public synchronized Resolution resolve(RequestContext context, Set<Reference> references) {
      calls.add(references);
      Resolution.Builder resolution = Resolution.builder();
      for (Reference reference : references) {
        boolean known = reference.number() < 10
            && (reference.type() == ObjectType.DEV_USER || reference.type() == ObjectType.PRODUCT
                || reference.type() == ObjectType.TAG && reference.number() == 1);
        if (!known) {
          resolution.unknown(reference);
        } else if (reference.type() == ObjectType.TAG) {
          resolution.name(reference, "p1");
        }
      }
      return resolution.build();
    }
  }

  private final Directory directory = new Directory();
  private final InMemoryIncidentStore store = new InMemoryIncidentStore();
  private final IncidentService service = Incidents.builder().store(store).referenceResolver(directory).build();

  @Test
  void oneCallPerCreateWithEveryDistinctReferenceIncludingCustomFields() {
    service.schemas().register("acme", SchemaFragment.tenant(CustomField.of("owner", FieldType.ID)));
    Incident incident = service.create(ACME, IncidentCreateRequest.builder().title("t")
        .ownedBy("DEVU-1", "DEVU-2", "don:identity:local:devo/acme:devu/1").stakeholders("DEVU-2")
        .appliesToParts("PROD-3").tags(TagRequest.of("TAG-1", "v"))
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false)).customFields(Map.of("tnt__owner", "DEVU-4"))
        .build());
    assertThat(directory.calls).singleElement().satisfies(refs -> assertThat(refs)
        .extracting(Reference::displayId).containsExactlyInAnyOrder("DEVU-1", "DEVU-2", "PROD-3", "TAG-1", "DEVU-4"));
    assertThat(incident.tags().get(0).tag().name()).isEqualTo("p1");
  }

  @Test
  void unknownIdsAreRejectedAtEveryPathAndNothingIsStored() {
    assertThatThrownBy(() -> service.create(ACME, IncidentCreateRequest.builder().title("t")
        .ownedBy("DEVU-1", "DEVU-42").stakeholders("DEVU-42").pia("ARTICLE-1").tags(TagRequest.of("TAG-2")).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.violations()).extracting(Violation::type).containsOnly(ErrorType.INVALID_ID);
          assertThat(e.violations()).extracting(Violation::fieldName)
              .containsExactly("owned_by[1]", "stakeholders[0]", "pia[0]", "tags[0].tag_id");
          assertThat(e.violations().get(0).message()).contains("DEVU-42").contains("no such dev user");
        });
    assertThat(store.list("acme", ListQuery.newest(10))).isEmpty();
  }

  /** Clauses 1.14 and 10.2.1: an update hands the resolver the ids it brings in, custom fields included. */
  @Test
  void anUpdateHandsTheResolverItsIdsCustomFieldsIncluded() {
    service.schemas().register("acme", SchemaFragment.tenant(CustomField.of("owner", FieldType.ID)));
    service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false)).customFields(Map.of("tnt__owner", "DEVU-4"))
        .build());
    directory.calls.clear();
    assertThatThrownBy(() -> service.update(ACME, IncidentUpdateRequest.builder("INC-1").ownedBy("DEVU-2")
        .customField("tnt__owner", "DEVU-42").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.type()).isEqualTo(ErrorType.INVALID_ID);
              assertThat(v.fieldName()).isEqualTo("custom_fields.tnt__owner");
              assertThat(v.message()).contains("DEVU-42");
            }));
    assertThat(directory.calls).singleElement().satisfies(refs -> assertThat(refs)
        .extracting(Reference::displayId).containsExactlyInAnyOrder("DEVU-2", "DEVU-42"));
    assertThat(service.getVersioned(ACME, "INC-1").version()).isEqualTo(1);
  }

  @Test
  void theResolverIsNotCalledForARequestThatBreaksOtherRules() {
    assertThatThrownBy(() -> service.create(ACME, IncidentCreateRequest.builder().title(" ").ownedBy("DEVU-1").build()))
        .isInstanceOf(BadRequestException.class);
    assertThat(directory.calls).isEmpty();
    assertThat(service.validate(ACME, IncidentCreateRequest.builder().title("t").ownedBy("DEVU-42").build()))
        .as("validate does not consult the resolver").isEmpty();
    assertThat(directory.calls).isEmpty();
  }

  @Test
  void aFailingResolverIsServiceUnavailableAndStoresNothing() {
    IncidentService failing = Incidents.builder().store(store).referenceResolver((context, references) -> {
      throw new IllegalStateException("directory timed out");
    }).build();
    assertThatThrownBy(() -> failing.create(ACME, IncidentCreateRequest.builder().title("t").ownedBy("DEVU-1").build()))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("directory timed out");
    assertThat(store.list("acme", ListQuery.newest(10))).isEmpty();
    assertThat(failing.create(ACME, IncidentCreateRequest.builder().title("no ids, no call").build()).number())
        .as("the failed create never reached the store").isEqualTo(1);
  }
}
