package io.introflow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import io.introflow.bench.BenchInstallation;
import io.introflow.cli.IntroflowMain;
import io.introflow.demo.DemoMailServer;

/**
 * A throwaway Introflow installation for tests: its own home folder with a copy of the
 * shipped templates and batch-config, an inbox, an H2 file database, and the settings
 * that point it at a test mail server. Commands run through the real CLI entry point; the
 * database is read back with plain JDBC after the command has closed it. Test classes get
 * one through the {@link TestInstallation} extension, which owns its home folder and mail
 * server.
 */
public final class Installation {

	public static final String REPLY_DOMAIN = "reply.introflow.example";

	private final Path home;

	private final DemoMailServer mail;

	public Installation(Path home, DemoMailServer mail) throws IOException {
		this.home = home;
		this.mail = mail;
		BenchInstallation.copyTree(Path.of("templates"), home.resolve("templates"));
		BenchInstallation.copyTree(Path.of("batch-config"), home.resolve("batch-config"));
		Files.createDirectories(home.resolve("inbox"));
	}

	public Path home() {
		return home;
	}

	public Path inbox(String name, String content) throws IOException {
		return Files.writeString(home.resolve("inbox").resolve(name), content);
	}

	/**
	 * The settings that connect this installation to the test mail server (SMTP out, IMAP
	 * for replies).
	 */
	public Map<String, Object> settings() {
		return mail.settings();
	}

	/** Runs {@code introflow <args> --home <home>} in this JVM. */
	public Run run(String... args) {
		return run(settings(), args);
	}

	public Run run(Map<String, Object> settings, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--home=" + home);
		int code = IntroflowMain.execute(all.toArray(String[]::new), settings, new PrintWriter(out),
				new PrintWriter(err));
		return new Run(code, out.toString(), err.toString());
	}

	/** What a command printed and returned. */
	public record Run(int exitCode, String out, String err) {
	}

	/**
	 * Runs {@code introflow <args> --home <home>} in a JVM of its own (to be killed),
	 * with this installation's settings; its output goes to {@code child.log} in the home
	 * folder.
	 */
	public Process startChild(String maxHeap, String... args) throws IOException {
		return startChild(maxHeap, Map.of(), args);
	}

	/** As {@link #startChild(String, String...)}, with some settings changed. */
	public Process startChild(String maxHeap, Map<String, Object> changed, String... args) throws IOException {
		return startChild(maxHeap, changed, home.resolve("child.log"), args);
	}

	/**
	 * As {@link #startChild(String, Map, String...)}, its output to a log of its own (for
	 * several children).
	 */
	public Process startChild(String maxHeap, Map<String, Object> changed, Path log, String... args)
			throws IOException {
		Map<String, Object> all = new LinkedHashMap<>(settings());
		all.putAll(changed);
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap, "-cp",
						System.getProperty("java.class.path"), IntroflowMain.class.getName()));
		command.addAll(List.of(args));
		command.add("--home=" + home);
		for (Map.Entry<String, Object> setting : all.entrySet()) {
			command.add("--set");
			command.add(setting.getKey() + "=" + setting.getValue());
		}
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** The messages the test mail server delivered to one address, in order. */
	public List<MimeMessage> inboxOf(String address) {
		return mail.greenMail().findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).toList();
	}

	public String jdbcUrl() {
		return "jdbc:h2:file:" + home.resolve("data").resolve("introflow").toAbsolutePath();
	}

	/** The rows of a query, each as column label to value. */
	public List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
		try (Connection c = DriverManager.getConnection(jdbcUrl(), "sa", ""); var statement = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
					}
					rows.add(row);
				}
			}
			return rows;
		}
	}

	public long count(String sql, Object... args) throws SQLException {
		return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
	}

	public void execute(String sql, Object... args) throws SQLException {
		try (Connection c = DriverManager.getConnection(jdbcUrl(), "sa", ""); var statement = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			statement.execute();
		}
	}

}
