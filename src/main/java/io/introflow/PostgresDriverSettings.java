package io.introflow;

import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Two settings of the PostgreSQL driver that Introflow's set-based work needs, set here
 * so that an operator's {@code spring.datasource.url} need not carry them; one who sets
 * either (in the URL or as
 * {@code spring.datasource.hikari.data-source-properties.<name>}) keeps their own value.
 * Other databases are left alone (H2 refuses connection settings it does not know).
 * <ul>
 * <li>{@code reWriteBatchedInserts=true}: the driver rewrites a JDBC batch of inserts
 * into multi-row {@code INSERT}s, so an import chunk of 1,000 contacts costs a few
 * statements instead of 1,000.</li>
 * <li>{@code options=-c plan_cache_mode=force_custom_plan}: every execution of a prepared
 * statement is planned with its values. With the default, PostgreSQL settles on a generic
 * plan after five executions and keeps it for the session: in a first night whose tables
 * grow from empty, the import's look-up of 1,000 addresses kept the sequential scan it
 * was planned with over 5,000 rows and took 1.2-2.4 s per chunk at 100,000 (measured with
 * {@code introflow bench import} and {@code log_min_duration_statement}), planning,
 * composing and sending likewise.</li>
 * </ul>
 */
@Component
class PostgresDriverSettings implements BeanPostProcessor {

	static final Map<String, String> SETTINGS = Map.of("reWriteBatchedInserts", "true", "options",
			"-c plan_cache_mode=force_custom_plan");

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())) {
			SETTINGS.forEach((name, value) -> {
				if (!pool.getDataSourceProperties().containsKey(name) && !inUrl(pool.getJdbcUrl(), name)) {
					pool.addDataSourceProperty(name, value);
				}
			});
		}
		return bean;
	}

	private static boolean isPostgres(String jdbcUrl) {
		return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
	}

	private static boolean inUrl(String jdbcUrl, String name) {
		String url = jdbcUrl.toLowerCase(Locale.ROOT);
		String key = name.toLowerCase(Locale.ROOT) + "=";
		return url.contains("?" + key) || url.contains("&" + key);
	}

}
