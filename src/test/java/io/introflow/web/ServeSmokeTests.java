package io.introflow.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} starts on an installation and a real browser sees its pages with their
 * security headers.
 */
class ServeSmokeTests {

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void servesItsRootPageToARealBrowser(WebDriver browser) throws Exception {
		try (WebServer server = app.serve()) {
			browser.get(server.url("/").toString());
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Introflow");
		}
	}

}
