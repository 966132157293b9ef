package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.ListQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plans of filtered pages (docs/CONTRACT.md clause 14.14.3, docs/STORES.md): at a realistic size (a tenant
 * of {@value #ROWS} incidents beside another of the same size, statistics gathered), the database answers each
 * common filter through the index docs/STORES.md names for it, never by reading the tenant's incidents one by
 * one. The plans are those of the very statement the store runs ({@link IncidentTables#listStatement}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IndexUseTest {

  /** Incidents per tenant. */
  static final int ROWS = 20_000;
  /** The first created date; incident n was created n minutes later. */
  static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** A data source over a new, empty schema. */
  abstract DataSource emptySchema();

  abstract Dialect dialect();

  /**
   * Fills two tenants of {@value #ROWS} incidents each: for incident n, severity n % 4, reported_by n % 5,
   * stage n % 100 and state n % 3, creator {@code u(n % 100)}, subtype {@code s(n % 50)}, created n minutes
   * after {@link #BASE} and modified as well, closed for odd n (n minutes after creation), a target date for
   * n % 10 == 0, one owner {@code o(n % 200)} and one part {@code p(n % 100)}; then gathers statistics.
   */
  abstract void fill(Connection connection) throws SQLException;

  /** The plan of {@code statement}, one line per step, as the database prints it. */
  abstract List<String> plan(Connection connection, IncidentTables.Statement statement) throws SQLException;

  /** Fails unless {@code plan} reads {@code incidents} through {@code index} and never scans a table. */
  abstract void assertUses(List<String> plan, String index);

  private DataSource dataSource;

  @BeforeAll
  void load() throws SQLException {
    dataSource = emptySchema();
    JdbcIncidentStore.builder(dataSource).build().close(); // creates the tables
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      fill(connection);
    }
  }

  /** The common filters, each about as selective as a first screen's, and the index that should serve it. */
  enum Filter {
    STAGE("incidents_stage_ix"),
    SEVERITY_AND_STAGE("incidents_stage_ix"),
    STATE_CLOSED_RECENT("incidents_created_date_ix"),
    OWNED_BY("incident_owners_owner_ix"),
    APPLIES_TO_PARTS("incident_parts_part_ix"),
    CREATED_BY("incidents_created_by_ix"),
    SUBTYPE("incidents_subtype_ix"),
    REPORTED_BY_RECENT("incidents_created_date_ix"),
    CREATED_DATE("incidents_created_date_ix"),
    MODIFIED_DATE("incidents_modified_date_ix"),
    TARGET_CLOSE_DATE("incidents_target_close_date_ix"),
    NONE("incidents_pk");

    final String index;

    Filter(String index) {
      this.index = index;
    }

    FacetFilter facets() {
      FacetFilter.Range all = FacetFilter.Range.ALL;
      FacetFilter.Range lastHour = new FacetFilter.Range(BASE.plusSeconds(60L * (ROWS - 60)), null);
      Set<Long> none = Set.of();
      Set<String> nobody = Set.of();
      return switch (this) {
        case STAGE -> new FacetFilter(none, none, Set.of(7L), none, nobody, nobody, nobody, nobody, all, all, all, all);
        case SEVERITY_AND_STAGE -> new FacetFilter(Set.of(0L, 1L), none, Set.of(7L, 8L), none, nobody, nobody, nobody,
            nobody, all, all, all, all);
        case STATE_CLOSED_RECENT -> new FacetFilter(none, none, none, Set.of(2L), nobody, nobody, nobody, nobody,
            lastHour, all, all, all);
        case OWNED_BY -> new FacetFilter(none, none, none, none, Set.of("o7", "o8"), nobody, nobody, nobody, all, all,
            all, all);
        case APPLIES_TO_PARTS -> new FacetFilter(none, none, none, none, nobody, Set.of("p3"), nobody, nobody, all, all,
            all, all);
        case CREATED_BY -> new FacetFilter(none, none, none, none, nobody, nobody, Set.of("u5"), nobody, all, all, all,
            all);
        case SUBTYPE -> new FacetFilter(none, none, none, none, nobody, nobody, nobody, Set.of("s5"), all, all, all,
            all);
        case REPORTED_BY_RECENT -> new FacetFilter(none, Set.of(3L), none, none, nobody, nobody, nobody, nobody,
            lastHour, all, all, all);
        case CREATED_DATE -> new FacetFilter(none, none, none, none, nobody, nobody, nobody, nobody,
            new FacetFilter.Range(BASE.plusSeconds(60L * 100), BASE.plusSeconds(60L * 160)), all, all, all);
        case MODIFIED_DATE -> new FacetFilter(none, none, none, none, nobody, nobody, nobody, nobody, all,
            new FacetFilter.Range(BASE.plusSeconds(60L * 100), BASE.plusSeconds(60L * 160)), all, all);
        case TARGET_CLOSE_DATE -> new FacetFilter(none, none, none, none, nobody, nobody, nobody, nobody, all, all, all,
            new FacetFilter.Range(BASE.plusSeconds(60L * 5000), BASE.plusSeconds(60L * 5500)));
        case NONE -> FacetFilter.NONE;
      };
    }
  }

  @ParameterizedTest
  @EnumSource(Filter.class)
  void a_first_page_of_a_common_filter_walks_its_index_in_either_order(Filter filter) throws SQLException {
    IncidentTables tables = new IncidentTables(dialect());
    for (ListQuery.Order order : ListQuery.Order.values()) {
      ListQuery query = ListQuery.first(filter.facets(), order, 50);
      try (Connection connection = dataSource.getConnection()) {
        List<String> plan = plan(connection, tables.listStatement("big", query));
        assertUses(plan, filter.index);
        try (PreparedStatement select = tables.listStatement("big", query).prepare(connection);
            ResultSet rs = select.executeQuery()) {
          int rows = 0;
          while (rs.next()) {
            rows++;
          }
          assertThat(rows).as("the filter %s matches incidents", filter).isPositive();
        }
      }
    }
  }

  static List<String> lines(ResultSet rs) throws SQLException {
    List<String> lines = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        line.append(i > 1 ? " | " : "").append(rs.getString(i));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }
}
