package io.introflow;

import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets the PostgreSQL driver rewrite a JDBC batch of inserts into multi-row {@code INSERT}s
 * ({@code reWriteBatchedInserts=true}): an import chunk of 1,000 contacts then costs a few statements instead of
 * 1,000. Set here so that an operator's {@code spring.datasource.url} need not carry it; one who sets it (in the URL
 * or as {@code spring.datasource.hikari.data-source-properties.reWriteBatchedInserts}) keeps their own value. Other
 * databases are left alone (H2 refuses connection settings it does not know).
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

	static final String PROPERTY = "reWriteBatchedInserts";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && appliesTo(pool.getJdbcUrl())
				&& !pool.getDataSourceProperties().containsKey(PROPERTY)) {
			pool.addDataSourceProperty(PROPERTY, "true");
		}
		return bean;
	}

	static boolean appliesTo(String jdbcUrl) {
		return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")
				&& !jdbcUrl.toLowerCase(Locale.ROOT).contains(PROPERTY.toLowerCase(Locale.ROOT) + "=");
	}

}
