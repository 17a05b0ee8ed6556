package io.introflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.introflow.cli.WebServer;
import io.introflow.demo.DemoMailServer;

/**
 * The test installation as a JUnit 5 extension: a temporary home (created and deleted
 * here), the test mail server (GreenMail SMTP and IMAP) and the {@link Installation} that
 * runs commands in that home against the H2 database there. As GreenMail's own
 * {@code GreenMailExtension}: registered on a static field
 * ({@code @RegisterExtension static final TestInstallation app = new TestInstallation();})
 * one installation serves the whole class; on an instance field each test gets a fresh
 * one. Servers started with {@link #serve(Map)} stop with the installation.
 */
public final class TestInstallation
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private boolean perClass;

	private Path home;

	private DemoMailServer mail;

	private Installation installation;

	private final List<WebServer> servers = new ArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		perClass = true;
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		if (!perClass) {
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		if (!perClass) {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		stop();
	}

	private void start() throws IOException {
		home = Files.createTempDirectory("introflow-test-");
		mail = new DemoMailServer(Installation.REPLY_DOMAIN);
		installation = new Installation(home, mail);
	}

	private void stop() throws IOException {
		// the web servers first (they use the database and the mail server), the mail
		// server even if one fails
		try (DemoMailServer mailServer = mail) {
			servers.forEach(WebServer::close);
		}
		finally {
			servers.clear();
			mail = null;
			installation = null;
			delete(home);
			home = null;
		}
	}

	private static void delete(Path folder) throws IOException {
		if (folder == null || !Files.exists(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	private Installation installation() {
		if (installation == null) {
			throw new IllegalStateException("No test installation: register TestInstallation with @RegisterExtension");
		}
		return installation;
	}

	/**
	 * The home folder: templates, batch-config, inbox and (once a command has run) the H2
	 * database.
	 */
	public Path home() {
		return installation().home();
	}

	public DemoMailServer mail() {
		installation();
		return mail;
	}

	public GreenMail greenMail() {
		return mail().greenMail();
	}

	/** Writes a file into the home's inbox folder. */
	public Path inbox(String name, String content) throws IOException {
		return installation().inbox(name, content);
	}

	/**
	 * Drops {@code count} customers of one owner ({@code client<i>@clients.example}, UTC,
	 * English) and an {@code nps_promoter} trigger of 2026-03-01 for each: a night with
	 * that many value emails to send.
	 */
	public void customersWithTriggers(int count) throws IOException {
		StringBuilder clients = new StringBuilder(
				"email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone\n");
		StringBuilder triggers = new StringBuilder("contact_email,type,occurred_at\n");
		for (int i = 0; i < count; i++) {
			clients.append("client")
				.append(i)
				.append("@clients.example,Client ")
				.append(i)
				.append(",Company ")
				.append(i)
				.append(",customer,maria.lopez@introflow.example,Maria Lopez,customer,en,UTC\n");
			triggers.append("client").append(i).append("@clients.example,nps_promoter,2026-03-01\n");
		}
		inbox("clients.csv", clients.toString());
		inbox("triggers.csv", triggers.toString());
	}

	/**
	 * The settings that connect the installation to the test mail server (SMTP out, IMAP
	 * for replies).
	 */
	public Map<String, Object> settings() {
		return installation().settings();
	}

	/**
	 * Runs {@code introflow <args> --home <home>} in this JVM, with {@link #settings()}.
	 */
	public Installation.Run run(String... args) {
		return installation().run(args);
	}

	/**
	 * Runs {@code introflow <args> --home <home>} in this JVM, with these settings
	 * instead.
	 */
	public Installation.Run run(Map<String, Object> settings, String... args) {
		return installation().run(settings, args);
	}

	/** See {@link Installation#startChild(String, String...)}. */
	public Process startChild(String maxHeap, String... args) throws IOException {
		return installation().startChild(maxHeap, args);
	}

	public Process startChild(String maxHeap, Map<String, Object> changed, String... args) throws IOException {
		return installation().startChild(maxHeap, changed, args);
	}

	public Process startChild(String maxHeap, Map<String, Object> changed, Path log, String... args)
			throws IOException {
		return installation().startChild(maxHeap, changed, log, args);
	}

	/**
	 * Starts {@code introflow serve} on this installation, on a free port, with
	 * {@link #settings()} and these changed; it is stopped with the installation (or
	 * before, by closing it).
	 */
	public WebServer serve(Map<String, Object> changed) {
		Map<String, Object> all = new LinkedHashMap<>(settings());
		all.putAll(changed);
		all.put("server.port", 0);
		WebServer server = WebServer.start(home(), all);
		servers.add(server);
		return server;
	}

	public WebServer serve() {
		return serve(Map.of());
	}

	/** The messages the test mail server delivered to one address, in order. */
	public List<MimeMessage> inboxOf(String address) {
		return installation().inboxOf(address);
	}

	public String jdbcUrl() {
		return installation().jdbcUrl();
	}

	/**
	 * The rows of a query on the installation's H2 database, each as column label to
	 * value.
	 */
	public List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
		return installation().query(sql, args);
	}

	public long count(String sql, Object... args) throws SQLException {
		return installation().count(sql, args);
	}

	public void execute(String sql, Object... args) throws SQLException {
		installation().execute(sql, args);
	}

}
