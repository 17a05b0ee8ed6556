package io.introflow;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDriverSettingsTests {

	@Test
	void postgresPoolsRewriteBatchedInsertsAndPlanEachExecutionUnlessTheOperatorSaidOtherwise() {
		HikariDataSource postgres = pool("jdbc:postgresql://db.internal:5432/introflow");
		HikariDataSource h2 = pool("jdbc:h2:file:./data/introflow;WRITE_DELAY=0");
		HikariDataSource chosen = pool("jdbc:postgresql://db.internal/introflow");
		chosen.addDataSourceProperty("reWriteBatchedInserts", "false");
		HikariDataSource inUrl = pool(
				"jdbc:postgresql://db.internal/introflow?reWriteBatchedInserts=false&options=-c%20work_mem=64MB");

		for (HikariDataSource pool : new HikariDataSource[] { postgres, h2, chosen, inUrl }) {
			new PostgresDriverSettings().postProcessBeforeInitialization(pool, "dataSource");
		}

		assertThat(postgres.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true")
			.containsEntry("options", "-c plan_cache_mode=force_custom_plan");
		assertThat(h2.getDataSourceProperties()).isEmpty();
		assertThat(chosen.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "false")
			.containsEntry("options", "-c plan_cache_mode=force_custom_plan");
		assertThat(inUrl.getDataSourceProperties()).isEmpty();
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		return pool;
	}

}
