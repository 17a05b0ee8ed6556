package io.introflow.demo;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.introflow.cli.IntroflowMain;
import io.introflow.cli.WebServer;
import io.introflow.template.FlowedText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow demo} as a new user runs it: every promised outcome, and the emails as
 * files.
 */
class DemoTests {

	@Test
	void reachesEveryPromisedOutcomeAndWritesTheEmailsAsFiles(@TempDir Path output) throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int code = IntroflowMain.execute(new String[] { "demo", "--home=.", "--output=" + output }, Map.of(),
				new PrintWriter(out), new PrintWriter(err));

		assertThat(code).as(out + "\n" + err).isZero();
		assertThat(out.toString())
			.contains("[ok] an introduction was made and thanked", "[ok] a client agreed", "[ok] a client declined",
					"[ok] an out-of-office reply postponed a step",
					"[ok] a referrer was asked again after the 14-day cool-down",
					"[ok] a partner got the monthly partner summary")
			.doesNotContain("MISSING")
			.contains("asked -> introduced", "asked -> agreed", "asked -> declined", "postponed");
		List<Path> emails;
		try (Stream<Path> files = Files.list(output.resolve("emails"))) {
			emails = files.sorted().toList();
		}
		assertThat(emails).extracting(p -> p.getFileName().toString())
			.anyMatch(name -> name.contains("-value-"))
			.anyMatch(name -> name.contains("-ask-"))
			.anyMatch(name -> name.contains("-thank-you-"))
			.anyMatch(name -> name.contains("-partner-summary-2026-11-isabel.moreno"));
		assertThat(Files.readString(emails.get(0))).contains("Message-ID: <value.", "Reply-To: reply+");
		// the value is delivered: a customer's value email carries the bundled checklist
		// (batch-config/value-offers.yml)
		assertThat(emails).filteredOn(p -> p.getFileName().toString().contains("-value-anna.berg"))
			.singleElement()
			.satisfies(p -> assertThat(Files.readString(p)).contains("Content-Type: multipart/mixed",
					"filename=go-live-checklist.md"));
		// the copy follows the moment: the promoter's own words quoted back, the renewal
		// thanked for renewing
		assertThat(text(one(emails, "-value-anna.berg"))).contains("“best rollout we ever had”");
		assertThat(text(one(emails, "-value-david.kim"))).contains("renewing");
		assertThat(text(one(emails, "-ask-anna.berg"))).contains("the go-live checklist has been useful")
			.doesNotContain("renewing");
		// every follow-up answers the ask, in its thread
		List<Path> followUps = emails.stream()
			.filter(p -> p.getFileName().toString().matches(".*-(nudge|last-nudge|reminder)-.*"))
			.toList();
		assertThat(followUps).as("the demo's follow-ups").isNotEmpty();
		for (Path followUp : followUps) {
			MimeMessage m = message(followUp);
			assertThat(m.getHeader("References", null)).as(followUp.toString()).startsWith("<ask.");
			assertThat(m.getHeader("In-Reply-To", null)).as(followUp.toString()).matches("<(ask|nudge)\\..*");
			assertThat(m.getSubject()).as(followUp.toString()).startsWith("Re: ");
		}
		// the demo ends by saying how to open its pages, and serve --demo answers them
		assertThat(out.toString()).contains("To open the demo's pages", "./introflow serve --demo=" + output)
			.containsPattern("http://localhost:8080/i/[a-z0-9]{26}   Anna Berg's introduction page")
			.containsPattern("http://localhost:8080/unsubscribe/[a-z0-9]{26}   David Kim's unsubscribe page");
		assertThat(Files.readString(emails.get(0))).contains("List-Unsubscribe: <mailto:unsubscribe+");
		servesTheDemosPages(output, out.toString());
		System.out.println("--- an ask, as the demo wrote it (text part) ---\n" + text(one(emails, "-ask-anna.berg")));
		System.out.println("--- a value email (text part) ---\n" + text(one(emails, "-value-david.kim")));
	}

	/**
	 * {@code serve --demo}'s settings on a free port: the demo's database, the links it
	 * printed, health.
	 */
	private static void servesTheDemosPages(Path output, String printed) throws Exception {
		Map<String, Object> settings = new HashMap<>(Demo.serveProperties(output, 0));
		try (WebServer server = WebServer.start(Path.of("."), settings)) {
			HttpClient http = HttpClient.newHttpClient();
			Matcher page = Pattern.compile("http://localhost:8080(/i/[a-z0-9]{26})").matcher(printed);
			assertThat(page.find()).isTrue();
			assertThat(Demo.pageLinks(server.context(), server.url("")))
				.anyMatch(line -> line.contains(server.url(page.group(1)).toString()));
			HttpResponse<String> intro = http.send(HttpRequest.newBuilder(server.url(page.group(1))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(intro.statusCode()).isLessThan(500);
			HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.url("/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = JsonMapper.builder().build().readTree(health.body());
			assertThat(body.path("status").asString()).isEqualTo("UP");
			assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
			assertThat(body.path("components").has("imap")).as("no mailbox after the demo").isFalse();
			assertThat(server.context().getEnvironment().getProperty("introflow.schedule.enabled")).isEqualTo("false");
		}
	}

	private static Path one(List<Path> emails, String part) {
		return emails.stream()
			.filter(p -> p.getFileName().toString().contains(part))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no email " + part + " in " + emails));
	}

	private static MimeMessage message(Path eml) throws Exception {
		try (InputStream in = Files.newInputStream(eml)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	/** The text part as the reader sees it (format=flowed decoded). */
	private static String text(Path eml) throws Exception {
		return FlowedText.decode(textPart(message(eml)));
	}

	private static String textPart(Part part) throws Exception {
		if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return (String) part.getContent();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = textPart(multipart.getBodyPart(i));
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	@Test
	void serveDemoWithoutADemoSaysToRunTheDemoFirst(@TempDir Path empty) {
		StringWriter err = new StringWriter();

		int code = IntroflowMain.execute(new String[] { "serve", "--home=.", "--demo=" + empty }, Map.of(),
				new PrintWriter(new StringWriter()), new PrintWriter(err));

		assertThat(code).isEqualTo(2);
		assertThat(err.toString()).contains("no demo database in " + empty, "run ./introflow demo first");
	}

	@Test
	void refusesTooFewDaysForTheRepliesToBeRead(@TempDir Path output) {
		int code = IntroflowMain.execute(new String[] { "demo", "--home=.", "--days=2", "--output=" + output },
				Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

		assertThat(code).isEqualTo(2);
	}

}
