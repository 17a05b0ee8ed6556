package io.introflow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.introflow.bench.ThrowawayPostgres;

/**
 * A throwaway PostgreSQL cluster for tests ({@link ThrowawayPostgres}, which
 * {@code introflow bench nightly --postgres} uses too), with the JUnit parts: skip or
 * fail when the server binaries are missing, one cluster per test class.
 */
public final class PostgresCluster implements AutoCloseable {

	public static final Path BIN = ThrowawayPostgres.BIN;

	private final ThrowawayPostgres server;

	private PostgresCluster(ThrowawayPostgres server) {
		this.server = server;
	}

	/**
	 * Skips the calling test when the server binaries are missing on a developer's
	 * machine; on CI ({@code CI=true}) fails instead, so that PostgreSQL can never go
	 * silently untested there.
	 */
	public static void assumeAvailable() {
		if (available()) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but the PostgreSQL 15 server binaries are not installed in " + BIN
					+ "; .ci/run installs the postgresql-15 package");
		}
		Assumptions.assumeTrue(false, "PostgreSQL 15 server binaries are not installed in " + BIN);
	}

	public static boolean available() {
		return ThrowawayPostgres.available();
	}

	/**
	 * A cluster with {@code fsync} off: tests check behaviour, not durability against
	 * power loss.
	 */
	public static PostgresCluster start() throws Exception {
		return new PostgresCluster(ThrowawayPostgres.start(false));
	}

	public String jdbcUrl() {
		return server.jdbcUrl();
	}

	public String user() {
		return server.user();
	}

	@Override
	public void close() throws Exception {
		server.close();
	}

	/**
	 * One throwaway cluster for a test class:
	 * {@code @RegisterExtension static final PostgresCluster.PerClass postgres =
	 * new PostgresCluster.PerClass();} starts it before the class (or skips/fails as
	 * {@link #assumeAvailable()} says) and stops it after.
	 */
	public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

		private PostgresCluster cluster;

		@Override
		public void beforeAll(ExtensionContext context) throws Exception {
			assumeAvailable();
			cluster = start();
		}

		@Override
		public void afterAll(ExtensionContext context) throws Exception {
			if (cluster != null) {
				cluster.close();
			}
		}

		public String jdbcUrl() {
			return cluster.jdbcUrl();
		}

		public String user() {
			return cluster.user();
		}

		/**
		 * These settings, with the cluster's {@code postgres} database as the datasource.
		 */
		public Map<String, Object> settings(Map<String, Object> base) {
			return settings(base, jdbcUrl());
		}

		/**
		 * These settings, with another database of the cluster (by its URL) as the
		 * datasource.
		 */
		public Map<String, Object> settings(Map<String, Object> base, String url) {
			Map<String, Object> settings = new LinkedHashMap<>(base);
			settings.put("spring.datasource.url", url);
			settings.put("spring.datasource.username", user());
			settings.put("spring.datasource.password", "");
			return settings;
		}

	}

}
