package dev.incidents.store.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class H2SchemaUpgradeTest extends SchemaUpgradeTest {

  @Override
  DataSource emptySchema() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(TestStores.h2MemoryUrl());
    return h2;
  }

  @Override
  Dialect dialect() {
    return Dialect.H2;
  }
}
