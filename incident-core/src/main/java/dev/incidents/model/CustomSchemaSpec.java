package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which custom schema fragments a request uses (docs/CONTRACT.md section 5).
 *
 * @param apps app fragments by app name
 * @param subtype the subtype fragment, or {@code null}
 * @param tenantFragment whether the tenant fragment applies
 * @param validateRequiredFields whether missing required custom fields are an error
 */
public record CustomSchemaSpec(
    @Size(max = IncidentCreateRequest.MAX_IDS, message = "must have at most {max} entries") List<@Text String> apps,
    @Text @Nullable String subtype,
    boolean tenantFragment,
    boolean validateRequiredFields) {

  /** Copies the list. */
  public CustomSchemaSpec {
    apps = Lists.copy(apps);
  }
}
