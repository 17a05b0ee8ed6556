package io.introflow.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;
import io.introflow.demo.DemoMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code introflow serve} as monitoring and the internet see it, with the requests curl
 * would make: health (the database, and the mail servers shown without failing the
 * whole), the Prometheus metrics read from the database, public paths that never answer
 * 5xx, and no server version or stack trace anywhere.
 */
class ServeMonitoringTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			dan@delta.example,Dan Diaz,Delta Inc,customer,james.okafor@introflow.example,James Okafor,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			dan@delta.example,renewal,2026-03-01,Renewed,,,
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void healthIsUpWithTheDatabaseAndBothMailServers() throws Exception {
		try (WebServer server = app.serve()) {
			HttpResponse<String> health = get(server.url("/actuator/health"));

			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(health.body());
			assertThat(body.path("status").asString()).isEqualTo("UP");
			assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
			assertThat(body.path("components").path("smtp").path("status").asString()).isEqualTo("UP");
			assertThat(body.path("components").path("smtp").path("details").path("server").asString())
				.isEqualTo("127.0.0.1:" + app.mail().smtpPort());
			assertThat(body.path("components").path("imap").path("status").asString()).isEqualTo("UP");
			assertThat(health.body()).doesNotContain(DemoMailServer.TRACKING_PASSWORD);
		}
	}

	@Test
	void anUnreachableRelayIsShownWithoutFailingTheWholeHealth() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		try (WebServer server = app.serve(Map.of("introflow.smtp.port", closed, "introflow.smtp.username", "relay-user",
				"introflow.smtp.password", "relay-secret"))) {
			HttpResponse<String> health = get(server.url("/actuator/health"));
			HttpResponse<String> smtp = get(server.url("/actuator/health/smtp"));

			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(health.body());
			assertThat(body.path("status").asString()).isEqualTo("UP");
			JsonNode component = body.path("components").path("smtp");
			assertThat(component.path("status").asString()).isEqualTo("UNREACHABLE");
			assertThat(component.path("details").path("error").asString())
				.contains("connection refused by 127.0.0.1:" + closed);
			assertThat(body.path("components").path("imap").path("status").asString()).isEqualTo("UP");
			assertThat(health.body()).doesNotContain("relay-secret", "relay-user");
			assertThat(smtp.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void noImapComponentWhenRepliesAreNotReadOverImap() throws Exception {
		try (WebServer server = app.serve(Map.of("introflow.inbound.source", "none"))) {
			JsonNode body = JSON.readTree(get(server.url("/actuator/health")).body());

			assertThat(body.path("components").has("imap")).isFalse();
			assertThat(body.path("components").has("smtp")).isTrue();
		}
	}

	@Test
	void prometheusShowsWhatTheDatabaseHoldsAfterTheNights() throws Exception {
		// given: a night sends the value emails, two clients answer, the next night reads
		// the answers
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		night("2026-03-02");
		reply("bob@bolt.example", "Yes, happy to help!", Map.of());
		reply("dan@delta.example", "I am out of the office until 2026-03-16.",
				Map.of("Auto-Submitted", "auto-replied"));
		night("2026-03-03");

		try (WebServer server = app.serve()) {
			HttpResponse<String> scrape = get(server.url("/actuator/prometheus"));

			assertThat(scrape.statusCode()).isEqualTo(200);
			String metrics = scrape.body();
			JdbcClient db = server.context().getBean(JdbcClient.class);
			assertThat(value(metrics, "introflow_emails_total{state=\"sent\"}"))
				.isEqualTo(count(db, "SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'"))
				.isGreaterThanOrEqualTo(3);
			assertThat(value(metrics, "introflow_emails_total{state=\"failed\"}")).isZero();
			assertThat(value(metrics, "introflow_emails_in_doubt")).isZero();
			assertThat(value(metrics, "introflow_emails_queued"))
				.isEqualTo(count(db, "SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'"));
			assertThat(value(metrics, "introflow_replies_total{class=\"agreed\"}"))
				.isEqualTo(count(db, "SELECT COUNT(*) FROM inbound_message WHERE classification = 'AGREED'"))
				.isEqualTo(1);
			assertThat(value(metrics, "introflow_replies_total{class=\"auto_reply\"}"))
				.isEqualTo(count(db, "SELECT COUNT(*) FROM inbound_message WHERE classification = 'AUTO_REPLY'"))
				.isEqualTo(1);
			assertThat(value(metrics, "introflow_replies_total{class=\"declined\"}")).isZero();
			assertThat(value(metrics, "introflow_steps_held{reason=\"owner\"}"))
				.isEqualTo(count(db, "SELECT COUNT(*) FROM introduction WHERE hold_reason IS NOT NULL"));
			assertThat(metrics).contains("introflow_steps_held{reason=\"out_of_office\"}",
					"introflow_steps_held{reason=\"account_paused\"} 0");
			Map<String, Object> lastNight = db.sql("""
					SELECT e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e
					JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'COMPLETED' ORDER BY e.JOB_EXECUTION_ID DESC""")
				.query()
				.listOfRows()
				.get(0);
			LocalDateTime started = ((java.sql.Timestamp) lastNight.get("START_TIME")).toLocalDateTime();
			LocalDateTime ended = ((java.sql.Timestamp) lastNight.get("END_TIME")).toLocalDateTime();
			assertThat(value(metrics, "introflow_night_duration_seconds"))
				.isCloseTo(Duration.between(started, ended).toMillis() / 1000.0, within(0.01))
				.isPositive();
			assertThat(value(metrics, "introflow_night_end_time_seconds"))
				.isEqualTo(ended.atZone(java.time.ZoneId.systemDefault()).toEpochSecond());
		}
	}

	@Test
	void publicPathsNeverAnswer5xxNorShowTheServerOrAStackTrace() throws Exception {
		try (WebServer server = app.serve()) {
			List<HttpResponse<String>> answers = List.of(get(server.url("/unsubscribe/unknowntoken")),
					get(server.url("/i/unknowntoken")), get(server.url("/i/" + "x".repeat(300))),
					post(server.url("/unsubscribe/unknowntoken"), "List-Unsubscribe=One-Click"),
					get(server.url("/actuator/env")), get(server.url("/")));

			for (HttpResponse<String> answer : answers) {
				String what = answer.request().method() + " " + answer.request().uri().getPath();
				assertThat(answer.statusCode()).as(what).isLessThan(500);
				assertThat(answer.headers().firstValue("Server")).as(what).isEmpty();
				assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
				assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what)
					.hasValue(WebSecurity.CONTENT_SECURITY_POLICY);
				assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
				assertNothingLeaks(what, answer.body());
			}
			assertThat(get(server.url("/actuator/env")).statusCode()).isIn(401, 403, 404);
		}
	}

	@Test
	void aMalformedRequestGetsNoServerVersion() throws Exception {
		try (WebServer server = app.serve()) {
			for (String target : List.of("/i/%zz", "/unsubscribe/%", "/%2e%2e/%2e%2e/etc/passwd", "/i/a%00b")) {
				String answer = raw(server.port(),
						"GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");

				assertThat(answer).as(target).startsWith("HTTP/1.1 4");
				assertThat(answer.lines().takeWhile(l -> !l.isEmpty())).as(target)
					.noneMatch(l -> l.regionMatches(true, 0, "Server:", 0, 7));
				assertNothingLeaks(target, answer);
			}
		}
	}

	private static void assertNothingLeaks(String what, String body) {
		assertThat(body).as(what)
			.doesNotContainIgnoringCase("tomcat")
			.doesNotContain("Exception", "\tat ", "at org.", "at io.introflow", "Whitelabel");
	}

	private void night(String date) {
		Installation.Run run = app.run("run", "nightly", "--date=" + date);
		assertThat(run.exitCode()).as("night %s: %s", date, run.err()).isZero();
	}

	/**
	 * The client answers the first email Introflow sent them, as their mail program
	 * would.
	 */
	private void reply(String client, String text, Map<String, String> headers) throws Exception {
		MimeMessage received = app.inboxOf(client).get(0);
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(p));
		message.setFrom(new InternetAddress(client));
		message.addRecipient(Message.RecipientType.TO, received.getReplyTo()[0]);
		message.setSubject((headers.isEmpty() ? "Re: " : "Automatic reply: ") + received.getSubject(), "UTF-8");
		message.setText(text, "UTF-8");
		message.setHeader("In-Reply-To", received.getMessageID());
		message.setHeader("References", received.getMessageID());
		for (Map.Entry<String, String> header : headers.entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		Transport.send(message);
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(URI uri, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A request as bytes on the wire, for what HttpClient refuses to send (a malformed
	 * URL).
	 */
	private static String raw(int port, String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static long count(JdbcClient db, String sql) {
		return db.sql(sql).query(Long.class).single();
	}

	/** The value of one sample of the Prometheus text format. */
	private static double value(String metrics, String sample) {
		Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
		assertThat(m.find()).as("sample %s in:%n%s", sample, metrics).isTrue();
		return Double.parseDouble(m.group(1));
	}

}
