package io.introflow.web;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;
import io.introflow.template.FlowedText;
import io.introflow.template.MailtoLink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The referrer's introduction page in a real browser: a nightly run with a public base
 * URL sends the asks, and the referrers open the page their ask links to.
 */
class IntroPageTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			""";

	private static final String PUBLIC_BASE = "https://intro.introflow.example";

	private static final Pattern PAGE_LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "/i/([a-z0-9]+)");

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void askAndServe() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		Map<String, Object> settings = new HashMap<>(app.settings());
		settings.put("introflow.sending.public-base-url", PUBLIC_BASE);
		for (String date : List.of("2026-03-02", "2026-03-04")) {
			Installation.Run night = app.run(settings, "run", "nightly", "--date=" + date);
			assertThat(night.exitCode()).as(night.err()).isZero();
		}
		server = app.serve(settings);
	}

	@Test
	void theGmailAndOutlookLinksCarryTheIntroAsTheEmailDoes(WebDriver browser) throws Exception {
		MimeMessage ask = ask("alice@acme.example");
		String token = pageToken(ask);
		assertThat(app.query("SELECT p.purpose FROM public_link p JOIN introduction i ON i.id = p.introduction_id "
				+ "WHERE p.token = ? AND i.referrer_email = ?", token, "alice@acme.example"))
			.singleElement()
			.satisfies(row -> assertThat(row).containsEntry("purpose", "intro-page"));

		browser.get(server.url("/i/" + token).toString());

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hi Alice,");
		MailtoLink.Parts mailto = MailtoLink.parse(href(browser, "open-mailto"));
		String body = mailto.body().replace("\r\n", "\n");
		// the page's mailto is the intro the email carries: its forwardable block has the
		// same subject and body
		String text = FlowedText.decode(part(ask, "text/plain")).replace("\r\n", "\n");
		assertThat(text).contains("Subject: " + mailto.subject()).contains(body.strip());
		assertThat(mailto.to()).containsExactly("paul@prospect.example");
		String tracking = "\"Introflow Demo Consulting\" <intro+" + replyToken("alice@acme.example")
				+ "@reply.introflow.example>";
		assertThat(mailto.cc()).containsExactly("maria.lopez@introflow.example", tracking);
		assertThat(text).contains("(to: paul@prospect.example, cc: maria.lopez@introflow.example, " + tracking + ")");
		assertThat(browser.findElement(By.id("intro-to")).getText()).isEqualTo("paul@prospect.example");
		assertThat(browser.findElement(By.id("intro-subject")).getText()).isEqualTo(mailto.subject());
		assertThat(browser.findElement(By.id("intro-body")).getText().strip()).isEqualTo(body.strip());

		String gmail = href(browser, "open-gmail");
		assertThat(gmail).startsWith("https://mail.google.com/mail/?view=cm&fs=1&").doesNotContain("+");
		Map<String, String> g = query(gmail);
		assertThat(g.get("to")).isEqualTo("paul@prospect.example");
		assertThat(List.of(g.get("cc").split(","))).isEqualTo(mailto.cc());
		assertThat(g.get("su")).isEqualTo(mailto.subject());
		assertThat(g.get("body")).isEqualTo(body).doesNotContain("\r");
		assertThat(gmail).contains("%0A").doesNotContain("%0D");

		String outlook = href(browser, "open-outlook");
		assertThat(outlook).startsWith("https://outlook.office.com/mail/deeplink/compose?").doesNotContain("+");
		Map<String, String> o = query(outlook);
		assertThat(o.get("to")).isEqualTo("paul@prospect.example");
		assertThat(o.get("subject")).isEqualTo(mailto.subject());
		assertThat(o.get("body")).isEqualTo(mailto.body());
		// the deep link has no Cc: the page says so next to it, with the addresses to add
		assertThat(o).doesNotContainKey("cc");
		assertThat(browser.findElement(By.id("outlook-cc")).getText()).contains("cannot take the Cc")
			.contains("maria.lopez@introflow.example");
	}

	@Test
	void theCopyButtonPutsTheIntroOnTheClipboard(WebDriver browser) throws Exception {
		String token = pageToken(ask("alice@acme.example"));
		String origin = server.url("").toString();
		((ChromeDriver) browser).executeCdpCommand("Browser.grantPermissions",
				Map.of("permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite"), "origin", origin));
		browser.get(server.url("/i/" + token).toString());
		String body = MailtoLink.parse(href(browser, "open-mailto")).body().replace("\r\n", "\n");

		browser.findElement(By.id("copy-text")).click();

		new WebDriverWait(browser, Duration.ofSeconds(5))
			.until(b -> b.findElement(By.id("copy-status")).getText().equals("Copied"));
		Object copied = ((JavascriptExecutor) browser)
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
		assertThat(copied).isEqualTo(body);
	}

	@Test
	void withoutAProspectTheFormFillsTheIntroIn(WebDriver browser) throws Exception {
		String token = pageToken(ask("bob@bolt.example"));
		browser.get(server.url("/i/" + token).toString());
		String before = browser.findElement(By.id("intro-body")).getText();
		assertThat(before).startsWith("Hi there,");
		assertThat(query(href(browser, "open-gmail"))).doesNotContainKey("to");
		List<String> cc = MailtoLink.parse(href(browser, "open-mailto")).cc();

		browser.findElement(By.id("prospect-name")).sendKeys("Nina Novak");
		browser.findElement(By.id("prospect-email")).sendKeys("nina@novak.example");

		assertThat(browser.findElement(By.id("intro-to")).getText()).isEqualTo("nina@novak.example");
		String body = browser.findElement(By.id("intro-body")).getText();
		assertThat(body).startsWith("Hi Nina,").contains("Bob Brown").doesNotContain("Introflow" + "firstname");
		String subject = browser.findElement(By.id("intro-subject")).getText();
		assertThat(subject).contains("Nina Novak").contains("Maria Lopez");
		Map<String, String> gmail = query(href(browser, "open-gmail"));
		assertThat(gmail).containsEntry("to", "nina@novak.example").containsEntry("su", subject);
		assertThat(gmail.get("body").strip()).isEqualTo(body.strip());
		assertThat(List.of(gmail.get("cc").split(","))).isEqualTo(cc);
		Map<String, String> outlook = query(href(browser, "open-outlook"));
		assertThat(outlook).containsEntry("to", "nina@novak.example").containsEntry("subject", subject);
		assertThat(outlook.get("body").replace("\r\n", "\n").strip()).isEqualTo(body.strip());
		MailtoLink.Parts mailto = MailtoLink.parse(href(browser, "open-mailto"));
		assertThat(mailto.to()).containsExactly("nina@novak.example");
		assertThat(mailto.cc()).isEqualTo(cc);
		assertThat(mailto.subject()).isEqualTo(subject);
		assertThat(mailto.body().replace("\r\n", "\n").strip()).isEqualTo(body.strip());
	}

	@Test
	void theReplyTokenAndAnUnknownTokenOpenNoPage() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String token : List.of(replyToken("alice@acme.example"), "abcdefghijklmnopqrstuvwxyz", "x")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.url("/i/" + token)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(token).isEqualTo(404);
			assertThat(response.body()).contains("This link does not lead to an introduction")
				.doesNotContain("Alice")
				.doesNotContain("paul@prospect.example");
		}
	}

	@Test
	void aClosedIntroductionShowsNoIntro() throws Exception {
		String token = pageToken(ask("bob@bolt.example"));
		Object state = app.query("SELECT state FROM introduction WHERE referrer_email = ?", "bob@bolt.example")
			.get(0)
			.get("state");
		try {
			server.context()
				.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
				.sql("UPDATE introduction SET state = 'DECLINED' WHERE referrer_email = 'bob@bolt.example'")
				.update();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(server.url("/i/" + token)).build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("This introduction is closed")
				.doesNotContain("Bob")
				.doesNotContain("Maria Lopez")
				.doesNotContain("mailto:");
		}
		finally {
			server.context()
				.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
				.sql("UPDATE introduction SET state = ? WHERE referrer_email = 'bob@bolt.example'")
				.param(state)
				.update();
		}
	}

	private static MimeMessage ask(String referrer) throws Exception {
		List<MimeMessage> received = app.inboxOf(referrer);
		assertThat(received).hasSize(2);
		MimeMessage ask = received.get(1);
		assertThat(ask.getMessageID()).startsWith("<ask.");
		return ask;
	}

	/**
	 * The page's token, from the button in the ask's HTML part and the line in its text
	 * part.
	 */
	private static String pageToken(MimeMessage ask) throws Exception {
		Matcher html = PAGE_LINK.matcher(part(ask, "text/html"));
		assertThat(html.find()).as("introduction page link in the HTML part").isTrue();
		Matcher text = PAGE_LINK.matcher(FlowedText.decode(part(ask, "text/plain")));
		assertThat(text.find()).as("introduction page link in the text part").isTrue();
		assertThat(text.group(1)).isEqualTo(html.group(1));
		return html.group(1);
	}

	private static String replyToken(String referrer) throws Exception {
		return (String) app.query("SELECT token FROM introduction WHERE referrer_email = ?", referrer)
			.get(0)
			.get("token");
	}

	private static String href(WebDriver browser, String id) {
		WebElement link = browser.findElement(By.id(id));
		return link.getAttribute("href");
	}

	/** A link's query, each value percent-decoded as the service reads it. */
	private static Map<String, String> query(String url) {
		Map<String, String> fields = new LinkedHashMap<>();
		String query = URI.create(url).getRawQuery();
		for (String field : (query == null) ? new String[0] : query.split("&")) {
			String[] pair = field.split("=", 2);
			fields.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
		}
		return fields;
	}

	private static String part(MimeMessage message, String type) throws Exception {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/alternative")) {
				return part((Multipart) part.getContent(), type);
			}
		}
		throw new AssertionError("no " + type + " part");
	}

	private static String part(Multipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			if (multipart.getBodyPart(i).isMimeType(type)) {
				return (String) multipart.getBodyPart(i).getContent();
			}
		}
		throw new AssertionError("no " + type + " part");
	}

}
