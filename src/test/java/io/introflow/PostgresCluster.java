package io.introflow;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * A throwaway PostgreSQL cluster from the installed server binaries: {@code initdb} into a temporary folder,
 * {@code pg_ctl start} on a free loopback port, {@code pg_ctl stop} and delete afterwards. As root, the server runs
 * as the {@code postgres} user (PostgreSQL refuses to run as root).
 */
public final class PostgresCluster implements AutoCloseable {

	public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path dir;

	private final int port;

	private PostgresCluster(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	/**
	 * Skips the calling test when the server binaries are missing on a developer's machine; on CI ({@code CI=true})
	 * fails instead, so that PostgreSQL can never go silently untested there.
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
		return Files.isExecutable(BIN.resolve("initdb"));
	}

	public static PostgresCluster start() throws Exception {
		Path dir = Files.createTempDirectory("introflow-pg-");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		PostgresCluster cluster = new PostgresCluster(dir, port);
		cluster.run(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
				"introflow", "--no-sync", "-E", "UTF8", "--locale=C");
		cluster.run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l",
				dir.resolve("server.log").toString(), "-o",
				"-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
		return cluster;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	public String user() {
		return "introflow";
	}

	private void run(String... command) throws Exception {
		List<String> full = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		Process process = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(dir.resolve("commands.log").toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", full) + " failed:\n"
					+ Files.readString(dir.resolve("commands.log")));
		}
	}

	@Override
	public void close() throws Exception {
		try {
			run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "immediate",
					"stop");
		}
		finally {
			FileSystemUtils.deleteRecursively(dir);
		}
	}

	/**
	 * One throwaway cluster for a test class: {@code @RegisterExtension static final PostgresCluster.PerClass postgres =
	 * new PostgresCluster.PerClass();} starts it before the class (or skips/fails as {@link #assumeAvailable()} says)
	 * and stops it after.
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

	}

}
