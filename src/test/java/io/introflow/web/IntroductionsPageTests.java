package io.introflow.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's introductions in a real browser. Two reps own three referrers, all asked
 * on 7 January 2026; on the 8th one of Maria's referrers asks a question (which holds the
 * introduction for her), the other answers "no thanks" (read as a decline), and Tom's
 * referrer asks a question too. Maria logs in, finds her own introductions only, reads
 * one's emails and reply, releases a hold (the night of the 14th sends the held nudge)
 * and reclassifies a reply.
 */
class IntroductionsPageTests {

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String TOM = "tom.baker@introflow.example";

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone,since,country
			held@question.example,Hana Held,Question Co,customer,%1$s,Maria Lopez,,en,Europe/London,2020-01-01,GB
			misread@no.example,Milo Misread,Nope Ltd,customer,%1$s,Maria Lopez,,en,Europe/London,2020-01-01,GB
			other@elsewhere.example,Olga Other,Elsewhere Inc,customer,%2$s,Tom Baker,,en,Europe/London,2020-01-01,GB
			""".formatted(MARIA, TOM);

	private static final String TRIGGERS = """
			contact_email,type,occurred_at
			held@question.example,praise,2026-01-02
			misread@no.example,praise,2026-01-02
			other@elsewhere.example,praise,2026-01-02
			""";

	private static final String QUESTION = "What kind of companies are you looking for, and in which region?";

	private static final LocalDate NUDGE_NIGHT = LocalDate.of(2026, 1, 14);

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void askReadTheRepliesAndServe() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		night(LocalDate.of(2026, 1, 5));
		night(LocalDate.of(2026, 1, 7));
		Path replies = Files.createDirectories(app.home().resolve("replies"));
		reply(replies, "held@question.example", QUESTION + "\r\n\r\nOn Wed, 7 Jan 2026, Maria Lopez wrote:\r\n"
				+ "> Would you introduce me to someone?");
		reply(replies, "misread@no.example", "No thanks, not right now.");
		reply(replies, "other@elsewhere.example", QUESTION);
		Installation.Run read = app.run("replies", "--from-folder=" + replies, "--date=2026-01-08");
		assertThat(read.exitCode()).as(read.err()).isZero();
		server = app.serve(ConsoleLogin.users(MARIA, TOM));
	}

	@Test
	void aRepFindsOnlyTheirOwnIntroductions(WebDriver browser) {
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/introductions").toString());

		assertThat(referrersListed(browser)).containsExactlyInAnyOrder("held@question.example", "misread@no.example");
		assertThat(browser.getPageSource()).doesNotContain("other@elsewhere.example", "Olga Other");
		ConsoleScreenshots.take(browser, "introductions");

		// a search by company name; another owner's referrer stays out of reach whatever
		// is asked
		browser.findElement(By.id("referrer")).sendKeys("question co");
		browser.findElement(By.id("search")).click();
		assertThat(referrersListed(browser)).containsExactly("held@question.example");
		browser.get(server.url("/console/introductions?referrer=elsewhere&owner=" + TOM).toString());
		assertThat(browser.findElements(By.cssSelector("#intros tbody tr"))).isEmpty();
		assertThat(browser.findElement(By.id("intro-count")).getText()).startsWith("0 introductions");
	}

	@Test
	void aRepReadsTheEmailsAsSentAndTheReplyAsReceived(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/introductions?referrer=held@question.example").toString());
		browser.findElement(By.linkText("Hana Held")).click();

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Introduction: Hana Held");
		WebElement ask = browser.findElement(By.cssSelector("#emails article[data-step=ask]"));
		assertThat(ask.findElement(By.className("subject")).getText())
			.isEqualTo(app
				.query("SELECT subject FROM outbound_email WHERE id = ?", emailOf("held@question.example", "ask"))
				.get(0)
				.get("subject"))
			.endsWith("Hana?");
		assertThat(ask.findElement(By.className("to")).getText()).contains("held@question.example");
		assertThat(browser.findElements(By.cssSelector("#emails article[data-step=value]"))).hasSize(1);
		// the HTML part, in its sandboxed frame
		browser.switchTo().frame(ask.findElement(By.tagName("iframe")));
		try {
			assertThat(browser.findElement(By.tagName("body")).getText()).contains("Hi Hana,");
		}
		finally {
			browser.switchTo().defaultContent();
		}
		assertThat(ask.findElement(By.tagName("iframe")).getDomAttribute("sandbox")).isEmpty();
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", ask);
		ConsoleScreenshots.take(browser, "introduction-emails");
		// the reply: what she wrote, without the quote; the raw message on demand
		long inbound = inboundFrom("held@question.example");
		WebElement reply = browser.findElement(By.id("reply-" + inbound));
		assertThat(reply.findElement(By.className("visible-text")).getText()).isEqualTo(QUESTION);
		assertThat(reply.findElement(By.className("classification")).getText()).isEqualTo("QUESTION");
		browser.findElement(By.id("raw-" + inbound)).click();
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("From: held@question.example",
				"> Would you introduce me to someone?");
	}

	@Test
	void releasingAHoldLetsTheNextNightSendTheHeldStep(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/introductions/" + introOf("held@question.example")).toString());
		assertThat(browser.findElement(By.id("intro-hold")).getText()).startsWith("held for the owner: reply inbound:");

		browser.findElement(By.id("release-button")).click();

		assertThat(browser.findElement(By.id("corrected")).getText()).contains("ASKED (state unchanged)",
				"Next step: nudge on " + NUDGE_NIGHT);
		assertThat(browser.findElement(By.id("intro-hold")).getText()).isEqualTo("none");
		assertThat(browser.findElements(By.id("release-hold"))).isEmpty();
		ConsoleScreenshots.take(browser, "introduction");
		assertThat(app.query("""
				SELECT e.cause FROM intro_event e JOIN introduction i ON i.id = e.introduction_id
				WHERE i.referrer_email = ? AND e.type = 'RELEASED'""", "held@question.example")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("cause", "correction:" + MARIA));

		night(NUDGE_NIGHT);

		assertThat(app.query("""
				SELECT o.state FROM outbound_email o JOIN introduction i ON i.id = o.introduction_id
				WHERE i.referrer_email = ? AND o.step_key = 'nudge'""", "held@question.example")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("state", "SENT"));
		assertThat(app.inboxOf("held@question.example")).extracting(m -> m.getMessageID())
			.anyMatch(id -> id.startsWith("<nudge"));
	}

	@Test
	void reclassifyingAReplyRecordsTheNewClassAndWhoMadeIt(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/introductions/" + introOf("misread@no.example")).toString());
		long inbound = inboundFrom("misread@no.example");
		assertThat(browser.findElement(By.id("intro-state")).getText()).isEqualTo("DECLINED");

		new Select(browser.findElement(By.id("class-" + inbound))).selectByValue("AGREED");
		browser.findElement(By.id("class-note-" + inbound)).sendKeys("she meant not right now, but yes");
		browser.findElement(By.id("reclassify-button-" + inbound)).click();

		assertThat(browser.findElement(By.id("corrected")).getText())
			.contains("Reply " + inbound + ": DECLINED -> AGREED", "DECLINED -> AGREED");
		assertThat(browser.findElement(By.id("intro-state")).getText()).isEqualTo("AGREED");
		assertThat(browser.findElement(By.cssSelector("#reply-" + inbound + " .classification")).getText())
			.isEqualTo("AGREED");
		assertThat(app.query("SELECT classification FROM inbound_message WHERE id = ?", inbound)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("classification", "AGREED"));
		assertThat(app.query("""
				SELECT e.cause, e.detail FROM intro_event e JOIN introduction i ON i.id = e.introduction_id
				WHERE i.referrer_email = ? AND e.type = 'RECLASSIFIED'""", "misread@no.example")).singleElement()
			.satisfies(row -> {
				assertThat(row).containsEntry("cause", "correction:" + MARIA);
				assertThat((String) row.get("detail")).contains("from DECLINED to AGREED by " + MARIA,
						"she meant not right now, but yes");
			});
	}

	@Test
	void anotherRepsIntroductionAndItsMailAreNotFound() throws Exception {
		ConsoleSession maria = ConsoleSession.loggedIn(server, MARIA);
		long theirs = introOf("other@elsewhere.example");
		long theirEmail = emailOf("other@elsewhere.example", "ask");

		assertThat(maria.get("/console/introductions/" + introOf("held@question.example")).statusCode()).isEqualTo(200);
		assertThat(maria.get("/console/introductions/" + theirs).statusCode()).isEqualTo(404);
		assertThat(maria.get("/console/introductions/" + theirs + "/emails/" + theirEmail + ".html").statusCode())
			.isEqualTo(404);
		assertThat(maria.get("/console/replies/" + inboundFrom("other@elsewhere.example") + "/raw").statusCode())
			.isEqualTo(404);
		assertThat(maria
			.post("/console/introductions/" + theirs + "/release",
					Map.of("_csrf", maria.csrfOf("/console/introductions")))
			.statusCode()).isEqualTo(404);
		assertThat(app.query("SELECT hold_reason FROM introduction WHERE id = ?", theirs)).singleElement()
			.satisfies(row -> assertThat(row.get("hold_reason")).isNotNull());
		// Tom sees his own
		assertThat(ConsoleSession.loggedIn(server, TOM)
			.get("/console/replies/" + inboundFrom("other@elsewhere.example") + "/raw")
			.body()).contains("From: other@elsewhere.example");
	}

	@Test
	void anEmailsHtmlIsFramedOnlyByTheConsoleAndRunsNothing() throws Exception {
		ConsoleSession maria = ConsoleSession.loggedIn(server, MARIA);
		long intro = introOf("held@question.example");

		HttpResponse<String> html = maria
			.get("/console/introductions/" + intro + "/emails/" + emailOf("held@question.example", "ask") + ".html");
		HttpResponse<String> page = maria.get("/console/introductions/" + intro);
		HttpResponse<String> list = maria.get("/console/introductions");

		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(IntroductionsController.EMAIL_HTML);
		assertThat(html.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(WebSecurity.CONTENT_SECURITY_POLICY + "; frame-src 'self'");
		assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(list.headers().firstValue("Content-Security-Policy")).hasValue(WebSecurity.CONTENT_SECURITY_POLICY);
	}

	@Test
	void aCorrectionWithoutItsCsrfTokenIsForbidden() throws Exception {
		ConsoleSession maria = ConsoleSession.loggedIn(server, MARIA);
		long intro = introOf("misread@no.example");

		HttpResponse<String> forged = maria.post("/console/introductions/" + intro + "/state",
				Map.of("state", "CANCELLED", "note", "forged"));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(app.count("SELECT COUNT(*) FROM introduction WHERE id = ? AND state = 'CANCELLED'", intro)).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE introduction_id = ? AND detail = 'forged'", intro))
			.isZero();
	}

	private static List<String> referrersListed(WebDriver browser) {
		return browser.findElements(By.cssSelector("#intros tbody tr"))
			.stream()
			.map(row -> row.getDomAttribute("data-referrer"))
			.toList();
	}

	private static void night(LocalDate day) {
		Installation.Run run = app.run("run", "nightly", "--date=" + day);
		assertThat(run.exitCode()).as(day + ": " + run.out() + run.err()).isZero();
	}

	private static void reply(Path folder, String from, String text) throws Exception {
		String token = (String) app.query("SELECT token FROM introduction WHERE referrer_email = ?", from)
			.get(0)
			.get("token");
		Files.writeString(folder.resolve(from.substring(0, from.indexOf('@')) + ".eml"), """
				From: %s
				To: reply+%s@%s
				Subject: Re: a quick favour
				Date: Thu, 8 Jan 2026 09:00:00 +0000
				Message-ID: <%s@client.example>
				Content-Type: text/plain; charset=UTF-8

				%s
				""".formatted(from, token, Installation.REPLY_DOMAIN, token, text).replace("\n", "\r\n"));
	}

	private static long introOf(String referrer) throws Exception {
		return app.count("SELECT id FROM introduction WHERE referrer_email = ?", referrer);
	}

	private static long inboundFrom(String sender) throws Exception {
		return app.count("SELECT id FROM inbound_message WHERE sender = ?", sender);
	}

	private static long emailOf(String referrer, String step) throws Exception {
		return app.count("""
				SELECT o.id FROM outbound_email o JOIN introduction i ON i.id = o.introduction_id
				WHERE i.referrer_email = ? AND o.step_key = ?""", referrer, step);
	}

}
