package io.introflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * A throwaway PostgreSQL cluster from the installed server binaries, for benchmarks and
 * tests: {@code initdb} into a temporary folder, {@code pg_ctl start} on a free loopback
 * port, {@code pg_ctl stop} and delete on close. As root, the server runs as the
 * {@code postgres} user (PostgreSQL refuses to run as root).
 */
public final class ThrowawayPostgres implements AutoCloseable {

	public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private static final String USER = "introflow";

	private final Path dir;

	private final int port;

	private ThrowawayPostgres(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	public static boolean available() {
		return Files.isExecutable(BIN.resolve("initdb"));
	}

	/**
	 * @param fsync whether the server waits for the disk at each commit: on as in
	 * production (benchmarks), off where only behaviour counts (tests)
	 */
	public static ThrowawayPostgres start(boolean fsync) throws IOException, InterruptedException {
		if (!available()) {
			throw new IllegalStateException("PostgreSQL 15 server binaries are not installed in " + BIN
					+ " (Debian package postgresql-15); pass --jdbc-url to use a running server instead");
		}
		Path dir = Files.createTempDirectory("introflow-pg-");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ThrowawayPostgres cluster = new ThrowawayPostgres(dir, port);
		try {
			cluster.run(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
					USER, "--no-sync", "-E", "UTF8", "--locale=C");
			cluster.run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l",
					dir.resolve("server.log").toString(), "-o",
					"-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=" + (fsync ? "on" : "off"),
					"start");
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			FileSystemUtils.deleteRecursively(dir);
			throw ex;
		}
		return cluster;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	public String user() {
		return USER;
	}

	private void run(String... command) throws IOException, InterruptedException {
		List<String> full = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		Process process = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(dir.resolve("commands.log").toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(
					String.join(" ", full) + " failed:\n" + Files.readString(dir.resolve("commands.log")));
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "immediate",
					"stop");
		}
		finally {
			FileSystemUtils.deleteRecursively(dir);
		}
	}

}
