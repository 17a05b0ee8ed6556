package io.introflow.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Logging in to the console in a real browser. */
class ConsoleLoginTests {

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void serve() throws Exception {
		server = app.serve(ConsoleLogin.users("maria.lopez@introflow.example"));
	}

	@Test
	void aConsolePageSendsAStrangerToTheLogInPage(WebDriver browser) {
		browser.manage().deleteAllCookies();
		browser.get(server.url("/console/today").toString());

		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(browser.findElements(By.id("logged-in-as"))).isEmpty();
	}

	@Test
	void aWrongPasswordIsTurnedAwayWithAMessage(WebDriver browser) {
		browser.manage().deleteAllCookies();
		browser.get(server.url("/login").toString());
		browser.findElement(By.id("username")).sendKeys(ConsoleLogin.OPS);
		browser.findElement(By.id("password")).sendKeys("not the password");
		browser.findElement(By.id("log-in")).click();

		assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
		assertThat(browser.findElements(By.id("logged-in-as"))).isEmpty();
	}

	@Test
	void aRepLogsInByTheirEmailAndOutAgain(WebDriver browser) {
		ConsoleLogin.logIn(browser, server, "Maria.Lopez@introflow.example");

		assertThat(browser.findElement(By.id("logged-in-as")).getText())
			.isEqualTo("maria.lopez@introflow.example (rep)");
		browser.findElement(By.id("log-out")).click();
		assertThat(browser.findElement(By.id("logged-out")).getText()).isEqualTo("You are logged out.");
		browser.get(server.url("/console/today").toString());
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

}
