package io.introflow.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's templates page in a real browser: a rep previews the emails for the
 * contacts a night imported from the clients file, sees an edit of a file without
 * reloading, and sees a broken file's check result.
 */
class TemplatesPageTests {

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,de,Europe/Berlin
			carol@cobalt.example,Carol Cole,Cobalt AG,customer,john.smith@introflow.example,John Smith,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			""";

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void importAndServe() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		Map<String, Object> settings = new HashMap<>(app.settings());
		settings.put("introflow.sending.public-base-url", "https://intro.introflow.example");
		Installation.Run night = app.run(settings, "run", "nightly", "--date=2026-03-02");
		assertThat(night.exitCode()).as(night.err()).isZero();
		settings.putAll(ConsoleLogin.users(MARIA, "john.smith@introflow.example"));
		server = app.serve(settings);
	}

	@Test
	void aRepPreviewsAnAskForTheirOwnContact(WebDriver browser) {
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/templates?q=acme").toString());
		// the search finds their own contacts only
		assertThat(new Select(browser.findElement(By.id("contact"))).getOptions())
			.extracting(o -> o.getAttribute("value"))
			.containsExactly("", "alice@acme.example");

		new Select(browser.findElement(By.id("contact"))).selectByValue("alice@acme.example");
		new Select(browser.findElement(By.id("kind"))).selectByValue("ask");
		new Select(browser.findElement(By.id("variant"))).selectByValue("a");
		browser.findElement(By.id("show-preview")).click();
		// the click starts a navigation: wait for the new page, and read each part afresh
		// (the page's poll may swap a
		// part in while the test reads it)
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(b -> b.getCurrentUrl().contains("contact=alice")
					&& b.findElement(By.id("preview-to")).getText().equals("Alice Archer <alice@acme.example>"));
		assertThat(browser.findElement(By.id("preview-subject")).getText()).isEqualTo("A small favour, Alice?");
		assertThat(browser.findElement(By.id("preview-text")).getText()).startsWith("Hi Alice,").contains("Paul Park");
		assertThat(browser.findElement(By.id("intro-page-link")).getText())
			.startsWith("https://intro.introflow.example/i/");
		assertThat(frameText(browser)).contains("Hi Alice,").contains("Paul Park");
		ConsoleScreenshots.take(browser, "templates");
	}

	@Test
	void aSavedTemplateShowsInThePreviewWithoutReloading(WebDriver browser) throws Exception {
		Path file = app.home().resolve("templates/ask/customer/a.md");
		String original = Files.readString(file);
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/templates?kind=ask&variant=a&contact=alice%40acme.example").toString());
		assertThat(browser.findElement(By.id("preview-text")).getText()).contains("Thank you either way.");
		((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
		try {
			Files.writeString(file, original.replace("Thank you either way.", "Thanks a million, whatever you say."));

			// the page swaps the preview for a new element when the file changes: one
			// read may catch the old one
			new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(b -> b.findElement(By.id("preview-text")).getText().contains("Thanks a million"));
			assertThat(browser.findElement(By.id("preview-text")).getText()).contains("Hi Alice,")
				.doesNotContain("Thank you either way.");
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> frameText(b).contains("Thanks a million"));
			assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
				.isEqualTo(true);
		}
		finally {
			Files.writeString(file, original);
		}
	}

	@Test
	void aBrokenTemplateShowsItsCheckResultAsFileLineColumn(WebDriver browser) throws Exception {
		Path file = app.home().resolve("templates/nudge/default/a.md");
		String original = Files.readString(file);
		ConsoleLogin.logIn(browser, server, MARIA);
		browser.get(server.url("/console/templates?kind=nudge&contact=alice%40acme.example").toString());
		assertThat(browser.findElement(By.id("check-ok")).getText()).contains("no problems");
		try {
			Files.writeString(file, original.replace("${owner.name}", "${owner.name"));

			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(b -> !b.findElements(By.id("check-problems")).isEmpty());
			assertThat(browser.findElement(By.id("check-problems")).getText())
				.containsPattern("templates/nudge/default/a\\.md:\\d+:\\d+: ");
			assertThat(browser.findElement(By.id("preview-problems")).getText())
				.containsPattern("templates/nudge/default/a\\.md:\\d+:\\d+: ");
		}
		finally {
			Files.writeString(file, original);
		}
	}

	@Test
	void aRepAskingForAnotherOwnersContactGetsNotFound(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, MARIA);
		ConsoleSession maria = ConsoleSession.of(browser, server);

		assertThat(maria.get("/console/templates?kind=ask&contact=carol%40cobalt.example").statusCode()).isEqualTo(404);
		assertThat(maria.get("/console/templates/preview.html?kind=ask&contact=carol%40cobalt.example").statusCode())
			.isEqualTo(404);
		// their own contact's HTML comes in a sandbox that only the console may frame
		HttpResponse<String> own = maria.get("/console/templates/preview.html?kind=ask&contact=alice%40acme.example");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("Hi Alice,");
		assertThat(own.headers().allValues("Content-Security-Policy"))
			.containsExactly(TemplatesController.PREVIEW_POLICY);
		assertThat(own.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
		// the page itself may frame only this server's pages, and no one may frame it
		HttpResponse<String> page = maria.get("/console/templates?kind=ask&contact=alice%40acme.example");
		assertThat(page.headers().allValues("Content-Security-Policy"))
			.containsExactly(TemplatesController.PAGE_POLICY);
		assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");
		// ops previews for any owner's contact
		ConsoleLogin.logIn(browser, server, ConsoleLogin.OPS);
		ConsoleSession ops = ConsoleSession.of(browser, server);
		assertThat(ops.get("/console/templates/preview.html?kind=ask&contact=carol%40cobalt.example").body())
			.contains("Hi Carol,");
	}

	private static String frameText(WebDriver browser) {
		browser.switchTo().frame("preview-html");
		try {
			return browser.findElement(By.tagName("body")).getText();
		}
		finally {
			browser.switchTo().defaultContent();
		}
	}

}
