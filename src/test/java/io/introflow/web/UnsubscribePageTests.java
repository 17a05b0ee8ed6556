package io.introflow.web;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe page in a real browser: opening the link changes nothing; the confirm
 * button unsubscribes.
 */
class UnsubscribePageTests {

	@RegisterExtension
	static Chromium chromium = new Chromium();

	private static final Pattern ONE_CLICK = Pattern
		.compile("<https://intros\\.firm\\.example(/unsubscribe/[a-z2-9]+)>");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void openingTheLinkChangesNothingAndTheConfirmButtonUnsubscribes(WebDriver browser) throws Exception {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
						alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				alice@acme.example,go_live,2026-03-01
				""");
		Map<String, Object> settings = new HashMap<>(app.settings());
		settings.put("introflow.sending.public-base-url", OneClickUnsubscribeTests.BASE);
		assertThat(app.run(settings, "run", "nightly", "--date=2026-03-02").exitCode()).isZero();
		Matcher link = ONE_CLICK.matcher(app.inboxOf("alice@acme.example").get(0).getHeader("List-Unsubscribe")[0]);
		assertThat(link.find()).isTrue();
		try (WebServer server = app.serve(settings)) {
			JdbcClient db = server.context().getBean(JdbcClient.class);
			int events = count(db, "SELECT COUNT(*) FROM intro_event");

			// when: the link is opened (as a person, or a link scanner, does)
			browser.get(server.url(link.group(1)).toString());

			// then: a confirm button, and nothing changed
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Unsubscribe?");
			assertThat(browser.findElement(By.tagName("main")).getText())
				.contains("no more emails from Introflow Demo Consulting at a***@acme.example");
			assertThat(count(db, "SELECT COUNT(*) FROM suppression")).isZero();
			assertThat(count(db, "SELECT COUNT(*) FROM intro_event")).isEqualTo(events);
			assertThat(state(db)).isEqualTo("VALUE_SENT");

			// when: the button is pressed
			browser.findElement(By.id("confirm")).click();

			// then: unsubscribed, recorded as confirmed on the page
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are unsubscribed");
			assertThat(db.sql("SELECT reason || ' ' || source FROM suppression WHERE email = 'alice@acme.example'")
				.query(String.class)
				.single()).isEqualTo("unsubscribed web:confirmed");
			assertThat(state(db)).isEqualTo("OPTED_OUT");

			// and opening the link again shows it, without a button
			browser.get(server.url(link.group(1)).toString());
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are unsubscribed");
			assertThat(browser.findElements(By.id("confirm"))).isEmpty();
		}
	}

	private static int count(JdbcClient db, String sql) {
		return db.sql(sql).query(Integer.class).single();
	}

	private static String state(JdbcClient db) {
		return db.sql("SELECT state FROM introduction WHERE referrer_email = 'alice@acme.example'")
			.query(String.class)
			.single();
	}

}
