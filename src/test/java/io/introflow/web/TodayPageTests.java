package io.introflow.web;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Today page in a real browser, after a night that sends the value emails
 * (and rejects a bad client row): Bob (Maria's) and Carol (James's) answer with a
 * question, {@code introflow replies} reads the answers and holds their introductions;
 * one of the value emails is then left in doubt, as a crash mid-send leaves it.
 */
class TodayPageTests {

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String JAMES = "james.okafor@introflow.example";

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			carol@cobalt.example,Carol Chen,Cobalt Partners,customer,james.okafor@introflow.example,James Okafor,customer,en,Europe/London
			not-an-address,Nobody,None Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,,,
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			carol@cobalt.example,praise,2026-03-01,Kind words,,,
			""";

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	static long inDoubt;

	@BeforeAll
	static void twoNightsAndServe() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		night("2026-03-02");
		answer(app.inboxOf("bob@bolt.example").get(0), "Thanks! Could you send the checklist again?\n\nBob");
		answer(app.inboxOf("carol@cobalt.example").get(0), "Thanks! Could you send the slides again?\n\nCarol");
		// the replies are read as a night reads them, without a second night (a night
		// checks every template)
		Installation.Run replies = app.run("replies", "--date=2026-03-03");
		assertThat(replies.exitCode()).as(replies.err()).isZero();
		inDoubt = (Long) app
			.query("SELECT o.id FROM outbound_email o JOIN introduction i ON i.id = o.introduction_id "
					+ "WHERE i.referrer_email = 'alice@acme.example'")
			.get(0)
			.get("id");
		app.execute("UPDATE outbound_email SET state = 'SENDING', last_error = 'no answer after the final dot' "
				+ "WHERE id = ?", inDoubt);
		server = app.serve(ConsoleLogin.users(MARIA, JAMES));
	}

	@Test
	void opsSeesTheNightsStepByStepAndMarksAnEmailInDoubtSent(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, ConsoleLogin.OPS);
		ConsoleScreenshots.take(browser, "console-today");

		// the last nights, newest first, each step with its counts
		List<WebElement> runs = browser.findElements(By.cssSelector("#runs .run summary"));
		assertThat(runs).extracting(WebElement::getText)
			.singleElement()
			.satisfies(h -> assertThat(h).startsWith("nightly 2026-03-02 completed"));
		WebElement firstNight = browser.findElement(By.cssSelector("#runs .run"));
		WebElement clients = firstNight.findElement(By.cssSelector("tr[data-step=importClients]"));
		assertThat(clients.findElement(By.className("read")).getText()).isEqualTo("4");
		assertThat(clients.findElement(By.className("written")).getText()).isEqualTo("3");
		assertThat(clients.findElement(By.className("rejected")).getText()).isEqualTo("1");
		// each step's rate beside its duration (the figure itself depends on the machine)
		assertThat(clients.findElement(By.className("rate")).getText()).matches("[0-9,]+ rows/s");
		assertThat(firstNight.findElement(By.cssSelector("tr[data-step=sendOutbox] .rate")).getText())
			.matches("[0-9,]+ emails/s");
		assertThat(firstNight.findElement(By.cssSelector("tr[data-step=sendOutbox] .summary")).getText())
			.contains("3 sent");
		// what needs a person: both questions and both holds, the rejected row, the
		// templates all render
		assertThat(texts(browser, "#waiting tr.waiting")).hasSize(2);
		assertThat(texts(browser, "#held tr.held")).hasSize(2);
		assertThat(texts(browser, "#rejected tr.rejected")).singleElement()
			.satisfies(row -> assertThat(row).contains("clients.csv", "not-an-address"));
		assertThat(browser.findElement(By.id("templates-ok")).getText()).isEqualTo("Every template renders.");
		WebElement email = browser.findElement(By.id("email-" + inDoubt));
		assertThat(email.getText()).contains("alice@acme.example", "no answer after the final dot");

		email.findElement(By.className("mark-sent")).click();

		assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("Email " + inDoubt + " marked sent.");
		assertThat(browser.findElements(By.id("email-" + inDoubt))).isEmpty();
		assertThat(app.query("SELECT state, last_error FROM outbound_email WHERE id = ?", inDoubt))
			.containsExactly(Map.of("state", "SENT", "last_error", "marked sent by hand"));
	}

	@Test
	void aRepSeesOnlyTheIntroductionsTheyOwnAndNoneOfTheOpsSections(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, MARIA);

		long bobs = (Long) app.query("SELECT id FROM introduction WHERE referrer_email = 'bob@bolt.example'")
			.get(0)
			.get("id");
		assertThat(texts(browser, "#waiting tr.waiting")).singleElement()
			.satisfies(row -> assertThat(row).contains("bob@bolt.example", "question").doesNotContain("carol"));
		assertThat(texts(browser, "#held tr.held")).singleElement()
			.satisfies(row -> assertThat(row).contains("bob@bolt.example", MARIA));
		assertThat(browser.findElement(By.cssSelector("#held tr.held a")).getAttribute("href"))
			.endsWith("/console/introductions/" + bobs);
		// the nights are everyone's; emails in doubt, rejected rows and templates are for
		// ops
		assertThat(texts(browser, "#runs .run")).hasSize(1);
		assertThat(browser.findElements(By.id("in-doubt"))).isEmpty();
		assertThat(browser.findElements(By.id("rejected"))).isEmpty();
		assertThat(browser.findElements(By.id("templates"))).isEmpty();
	}

	private static List<String> texts(WebDriver browser, String css) {
		return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	private static void night(String date) {
		Installation.Run run = app.run("run", "nightly", "--date=" + date);
		assertThat(run.exitCode()).as("night %s: %s", date, run.err()).isZero();
	}

	/** Answers a received email as a mail program does, over SMTP. */
	private static void answer(MimeMessage received, String text) throws Exception {
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(p));
		message.setFrom(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress());
		message.addRecipient(Message.RecipientType.TO, received.getReplyTo()[0]);
		message.setSubject("Re: " + received.getSubject(), "UTF-8");
		message.setText(text, "UTF-8");
		message.setHeader("In-Reply-To", received.getMessageID());
		message.setHeader("References", received.getMessageID());
		message.saveChanges();
		Transport.send(message);
	}

}
