package io.introflow.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8058 one-click unsubscribe end to end: a night sends the emails with their links,
 * {@code serve} answers the links over real HTTP, and the next night sends nothing more
 * to the address that unsubscribed.
 */
class OneClickUnsubscribeTests {

	static final String BASE = "https://intros.firm.example/";

	private static final Pattern ONE_CLICK = Pattern
		.compile("<https://intros\\.firm\\.example/unsubscribe/([a-z2-9]+)>");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	Map<String, Object> settings;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
						alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
						bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
				alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
				bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
				""");
		settings = new HashMap<>(app.settings());
		settings.put("introflow.sending.public-base-url", BASE);
	}

	@Test
	void oneClickPostSuppressesAndTheNextNightSendsNothing() throws Exception {
		night("2026-03-02");
		String link = oneClickLink("alice@acme.example");
		String token = link.substring(link.lastIndexOf('/') + 1);
		assertThat(token).isNotEqualTo(replyToken("alice@acme.example"));

		try (WebServer server = app.serve(settings)) {
			HttpResponse<String> first = post(server, token, "List-Unsubscribe=One-Click");
			HttpResponse<String> second = post(server, token, "List-Unsubscribe=One-Click");

			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(first.body()).contains("no more emails from Introflow Demo Consulting", "a***@acme.example")
				.doesNotContain(token, "alice@", "Acme Corp", "Paul Park");
			assertThat(second.statusCode()).isEqualTo(200);
			// requests that miss the controller must not get the token into the log
			// either (Spring logs some)
			for (String method : List.of("PUT", "DELETE", "PATCH")) {
				assertThat(http
					.send(HttpRequest.newBuilder(server.url("/unsubscribe/" + token))
						.method(method, HttpRequest.BodyPublishers.noBody())
						.build(), HttpResponse.BodyHandlers.ofString())
					.statusCode()).as(method).isBetween(400, 499);
			}
			assertThat(get(server, token + "/more").statusCode()).isBetween(400, 499);
			assertThat(post(server, token + "/more", "List-Unsubscribe=One-Click").statusCode()).isBetween(400, 499);
		}
		assertThat(app.query("SELECT reason, source FROM suppression")).singleElement().satisfies(row -> {
			assertThat(row).containsEntry("reason", "unsubscribed").containsEntry("source", "web:one-click");
		});
		assertThat(app.query("SELECT state, next_step FROM introduction WHERE referrer_email = 'alice@acme.example'"))
			.singleElement()
			.satisfies(row -> assertThat(row).containsEntry("state", "OPTED_OUT").containsEntry("next_step", null));
		// the second POST changed nothing more: one move, nothing refused
		assertThat(events("alice@acme.example")).containsOnlyOnce("TRANSITION VALUE_SENT->OPTED_OUT web:one-click")
			.noneMatch(e -> e.startsWith("REJECTED_TRANSITION"));

		int before = app.inboxOf("alice@acme.example").size();
		night("2026-03-04");

		assertThat(app.inboxOf("alice@acme.example")).hasSize(before);
		assertThat(app.inboxOf("bob@bolt.example")).hasSize(2); // the night did send: Bob
																// got his ask
		String log = Files.readString(app.home().resolve("reports/introflow.log"));
		assertThat(log).contains("referrer unsubscribed (web:one-click)").doesNotContain(token);
	}

	@Test
	void aPostWithoutABodyUnsubscribesAndOneWithAnotherValueChangesNothing() throws Exception {
		night("2026-03-02");
		String alice = token(oneClickLink("alice@acme.example"));
		String bob = token(oneClickLink("bob@bolt.example"));

		try (WebServer server = app.serve(settings)) {
			HttpResponse<String> other = post(server, alice, "List-Unsubscribe=Something-Else");
			HttpResponse<String> empty = http.send(HttpRequest.newBuilder(server.url("/unsubscribe/" + bob))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(other.statusCode()).isEqualTo(400);
			assertThat(empty.statusCode()).isEqualTo(200);
		}
		assertThat(app.query("SELECT email FROM suppression")).extracting(row -> row.get("email"))
			.containsExactly("bob@bolt.example");
	}

	@Test
	void getShowsAConfirmButtonAndChangesNothing() throws Exception {
		night("2026-03-02");
		String token = token(oneClickLink("alice@acme.example"));
		long events = app.count("SELECT COUNT(*) FROM intro_event");

		try (WebServer server = app.serve(settings)) {
			HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.url("/unsubscribe/" + token)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body())
				.contains("<form method=\"post\">", "name=\"List-Unsubscribe\" value=\"One-Click\"",
						"a***@acme.example")
				.doesNotContain(token);
		}
		assertThat(app.count("SELECT COUNT(*) FROM suppression")).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM intro_event")).isEqualTo(events);
	}

	@Test
	void theReplyTokenUnsubscribesOnlyAnIntroductionWithLegacyLinks() throws Exception {
		night("2026-03-02");
		String alice = replyToken("alice@acme.example");
		String bob = replyToken("bob@bolt.example");

		try (WebServer server = app.serve(settings)) {
			jdbc(server).sql("UPDATE introduction SET legacy_links = TRUE WHERE token = ?").param(bob).update();

			HttpResponse<String> newIntroduction = post(server, alice, "List-Unsubscribe=One-Click");
			HttpResponse<String> legacy = post(server, bob, "List-Unsubscribe=One-Click");

			assertThat(newIntroduction.statusCode()).isEqualTo(404);
			assertThat(legacy.statusCode()).isEqualTo(200);
		}
		assertThat(app.query("SELECT email FROM suppression")).extracting(row -> row.get("email"))
			.containsExactly("bob@bolt.example");
		assertThat(app.query("SELECT state FROM introduction WHERE token = ?", alice).get(0)).containsEntry("state",
				"VALUE_SENT");
	}

	@Test
	void anUnknownOrMalformedTokenGetsAPolitePageAndChangesNothing() throws Exception {
		night("2026-03-02");
		long events = app.count("SELECT COUNT(*) FROM intro_event");

		try (WebServer server = app.serve(settings)) {
			for (String token : List.of("abcdefghijkmnpqrstuvwxyz23", "short", "ABCDEFGHIJKMNPQRSTUVWXYZ23",
					"x".repeat(300), "a%00b", "%3Cscript%3E", "a%2F..%2Fb", "..;a", "%E2%80%A8")) {
				for (HttpResponse<String> answer : List.of(get(server, token),
						post(server, token, "List-Unsubscribe=One-Click"))) {
					assertThat(answer.statusCode()).as(token).isIn(400, 404);
					assertThat(answer.body()).as(token).doesNotContain("Exception", "Tomcat/");
					if (answer.statusCode() == 404) {
						assertThat(answer.body()).as(token).contains("Nothing was changed");
					}
				}
			}
		}
		assertThat(app.count("SELECT COUNT(*) FROM suppression")).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM intro_event")).isEqualTo(events);
	}

	@Test
	void aClosedIntroductionStillSuppressesTheAddressAndKeepsItsState() throws Exception {
		night("2026-03-02");
		String token = token(oneClickLink("alice@acme.example"));

		try (WebServer server = app.serve(settings)) {
			jdbc(server).sql("UPDATE introduction SET state = 'WON' WHERE referrer_email = 'alice@acme.example'")
				.update();

			assertThat(post(server, token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
			assertThat(post(server, token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
		}
		assertThat(app.query("SELECT reason FROM suppression WHERE email = 'alice@acme.example'")).hasSize(1);
		assertThat(app.query("SELECT state FROM introduction WHERE referrer_email = 'alice@acme.example'").get(0))
			.containsEntry("state", "WON");
		// the state machine refused the move once, and the history says so; the second
		// POST added nothing
		assertThat(events("alice@acme.example")).containsOnlyOnce("REJECTED_TRANSITION WON->OPTED_OUT web:one-click")
			.noneMatch(e -> e.startsWith("TRANSITION") && e.contains("OPTED_OUT"));
	}

	private void night(String date) {
		Installation.Run run = app.run(settings, "run", "nightly", "--date=" + date);
		assertThat(run.exitCode()).as(run.err()).isZero();
	}

	private static JdbcClient jdbc(WebServer server) {
		return server.context().getBean(JdbcClient.class);
	}

	private String oneClickLink(String referrer) throws Exception {
		MimeMessage first = app.inboxOf(referrer).get(0);
		Matcher link = ONE_CLICK.matcher(first.getHeader("List-Unsubscribe")[0]);
		assertThat(link.find()).as("one-click link in " + first.getHeader("List-Unsubscribe")[0]).isTrue();
		return link.group().substring(1, link.group().length() - 1);
	}

	private static String token(String link) {
		return link.substring(link.lastIndexOf('/') + 1);
	}

	private String replyToken(String referrer) throws Exception {
		return (String) app.query("SELECT token FROM introduction WHERE referrer_email = ?", referrer)
			.get(0)
			.get("token");
	}

	/** Each event as {@code TYPE FROM->TO cause}. */
	private List<String> events(String referrer) throws Exception {
		return app.query("""
				SELECT e.type, e.from_state, e.to_state, e.cause FROM intro_event e
				JOIN introduction i ON i.id = e.introduction_id WHERE i.referrer_email = ? ORDER BY e.id""", referrer)
			.stream()
			.map(row -> row.get("type") + " " + row.get("from_state") + "->" + row.get("to_state") + " "
					+ row.get("cause"))
			.toList();
	}

	private HttpResponse<String> post(WebServer server, String token, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.url("/unsubscribe/") + token))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(WebServer server, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.url("/unsubscribe/") + token)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
