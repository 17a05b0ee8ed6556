package io.introflow.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel and the referrers and partners pages in a real browser: two nights ask five
 * referrers of two owners, a few introductions are then moved on (as replies and outcomes
 * would move them), and ops and a rep look.
 */
class FunnelPageTests {

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String SOFIA = "sofia.rossi@introflow.example";

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			eve@elm.example,Eve Elm,Elm Works,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			carol@cedar.example,Carol Cedar,Cedar Retail,customer,sofia.rossi@introflow.example,Sofia Rossi,customer,en,Europe/London
			pia@ally.example,Pia Partner,Ally Partners,partner,sofia.rossi@introflow.example,Sofia Rossi,,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			eve@elm.example,pause,2026-03-01,Contract talks,,,
			carol@cedar.example,go_live,2026-03-01,Shop live,,,
			pia@ally.example,manual,2026-03-01,Joint webinar,Lena Lund,lena@lund.example,Lund AB
			""";

	private static final String PARTNER_REFERRALS = """
			partner_email,prospect_name,prospect_company,date
			pia@ally.example,Ole Olsen,Fjord Energy,2026-02-10
			""";

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void askMoveAndServe() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		app.inbox("partner-referrals.csv", PARTNER_REFERRALS);
		Map<String, Object> settings = new HashMap<>(app.settings());
		for (String date : List.of("2026-03-02", "2026-03-04")) {
			Installation.Run night = app.run(settings, "run", "nightly", "--date=" + date);
			assertThat(night.exitCode()).as(night.err()).isZero();
		}
		assertThat(app.count("SELECT COUNT(*) FROM introduction WHERE state = 'ASKED'")).isEqualTo(4);
		// then: Alice's introduction is won, Bob agreed, Pia made hers (as replies and
		// the outcomes file move them)
		move(app, "alice@acme.example", "WON");
		move(app, "bob@bolt.example", "AGREED");
		move(app, "pia@ally.example", "INTRODUCED");
		settings.putAll(ConsoleLogin.users(MARIA, SOFIA));
		server = app.serve(settings);
	}

	private static void move(TestInstallation app, String referrer, String state) throws Exception {
		app.execute("""
				INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, from_state, to_state, cause)
				SELECT id, DATE '2026-03-04', CURRENT_TIMESTAMP, 'TRANSITION', state, ?, 'test' FROM introduction
				WHERE referrer_email = ?""", state, referrer);
		app.execute("UPDATE introduction SET state = ? WHERE referrer_email = ?", state, referrer);
	}

	@Test
	void opsSeesEveryOwnersFunnelAsAChartOverItsNumbers(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, ConsoleLogin.OPS);
		browser.get(server.url("/console/funnel").toString());

		// ECharts drew the chart (a canvas inside its element) from the page's JSON block
		WebElement chart = browser.findElement(By.id("chart-owner"));
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeToBe(chart, "data-drawn", "true"));
		assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
		// introductions, asked, (to agreed), agreed, (to introduced), introduced, ... won
		assertThat(row(browser, "owner", MARIA)).containsExactly(MARIA, "2", "2", "100%", "2", "50%", "1", "100%", "1",
				"100%", "1", "100%", "1");
		assertThat(row(browser, "owner", SOFIA)).containsExactly(SOFIA, "2", "2", "50%", "1", "100%", "1", "0%", "0",
				"–", "0", "–", "0");
		assertThat(row(browser, "owner", "total")).startsWith("total", "4", "4", "75%", "3");
		assertThat(row(browser, "trigger", "go_live")).startsWith("go_live", "2", "2", "50%", "1");
		assertThat(row(browser, "month", "2026-03")).startsWith("2026-03", "4", "4");
		assertThat(browser.findElements(By.cssSelector(".funnel-chart canvas"))).hasSizeGreaterThanOrEqualTo(5);
		ConsoleScreenshots.take(browser, "funnel");
	}

	@Test
	void aRepSeesOnlyTheirOwnIntroductionsFunnel(WebDriver browser) {
		ConsoleLogin.logIn(browser, server, SOFIA);
		browser.get(server.url("/console/funnel").toString());

		assertThat(browser.findElements(By.cssSelector("#funnel-owner tbody tr")))
			.extracting(tr -> tr.getAttribute("data-group"))
			.containsExactly(SOFIA);
		assertThat(row(browser, "segment", "customer")).startsWith("customer", "1", "1");
		assertThat(browser.getPageSource()).doesNotContain(MARIA).doesNotContain("alice@acme.example");
		assertThat(browser.findElements(By.linkText("Referrers & partners"))).isEmpty();
	}

	@Test
	void opsSeesEachReferrersAsksAgainstTheCapPausesAndPartnerReciprocity(WebDriver browser) throws Exception {
		ConsoleLogin.logIn(browser, server, ConsoleLogin.OPS);
		browser.findElement(By.linkText("Referrers & partners")).click();

		assertThat(browser.findElement(By.id("judged-on")).getText()).startsWith("Judged on 2026-03-04");
		WebElement alice = browser.findElement(By.cssSelector("tr[data-referrer='alice@acme.example']"));
		assertThat(alice.findElement(By.cssSelector("td.asks")).getText()).isEqualTo("1 of 4");
		assertThat(alice.findElement(By.cssSelector("td.eligibility")).getText())
			.isEqualTo("not asked: asked on 2026-03-04; cool-down of 60 days until 2026-05-03");
		WebElement eve = browser.findElement(By.cssSelector("tr[data-referrer='eve@elm.example']"));
		assertThat(eve.findElement(By.cssSelector("td.asks")).getText()).isEqualTo("0 of 4");
		assertThat(eve.findElement(By.cssSelector("td.eligibility")).getText())
			.startsWith("not asked: account paused: pause since 2026-03-0");
		assertThat(browser.findElement(By.id("pauses")).getText()).contains("eve@elm.example", "pause",
				"a resume trigger");
		WebElement pia = browser.findElement(By.cssSelector("tr[data-partner='pia@ally.example']"));
		assertThat(pia.findElements(By.cssSelector("td"))).extracting(WebElement::getText)
			.containsExactly("0 / 0", "0 / 1", "1 / 0", "1", "1");
		ConsoleScreenshots.take(browser, "referrers");
	}

	@Test
	void aRepIsRefusedTheReferrersPage(WebDriver browser) {
		ConsoleLogin.logIn(browser, server, MARIA);

		Object status = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
				+ "fetch('/console/referrers').then(function (r) { done(r.status); });");
		assertThat(status).isEqualTo(403L);
		browser.get(server.url("/console/referrers").toString());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page is not open to you");
	}

	/** The cells of a group's row in a grouping's table, the group's name first. */
	private static List<String> row(WebDriver browser, String grouping, String group) {
		return browser.findElements(By.cssSelector("#funnel-" + grouping + " tr[data-group='" + group + "'] > *"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
