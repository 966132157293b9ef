package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspaceTest {

  @Test
  void a_server_workspace_is_a_schema_on_postgresql_and_a_database_on_mariadb() {
    assertThat(Workspace.urlWith(StoreKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "b1"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=b1");
    assertThat(Workspace.urlWith(StoreKind.POSTGRESQL, "jdbc:postgresql://db/test", "b1"))
        .isEqualTo("jdbc:postgresql://db/test?currentSchema=b1");
    assertThat(Workspace.urlWith(StoreKind.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root", "b1"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/b1?user=root");
    assertThat(Workspace.urlWith(StoreKind.MARIADB, "jdbc:mariadb://db", "b1")).isEqualTo("jdbc:mariadb://db/b1");
    assertThatThrownBy(() -> Workspace.urlWith(StoreKind.MARIADB, "jdbc:mysql://db/test?password=secret", "b1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
  }
}
