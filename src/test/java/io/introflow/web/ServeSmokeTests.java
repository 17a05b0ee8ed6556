package io.introflow.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.introflow.Installation;
import io.introflow.cli.WebServer;
import io.introflow.demo.DemoMailServer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve} starts on an installation and a real browser sees its pages with their security headers. */
class ServeSmokeTests {

	@RegisterExtension
	static Chromium chromium = new Chromium();

	@TempDir
	Path home;

	@Test
	void servesItsRootPageToARealBrowser(WebDriver browser) throws Exception {
		try (DemoMailServer mail = new DemoMailServer(Installation.REPLY_DOMAIN)) {
			Installation app = new Installation(home, mail);
			java.util.Map<String, Object> settings = new java.util.HashMap<>(app.settings());
			settings.put("server.port", 0);
			try (WebServer server = WebServer.start(home, settings)) {
				browser.get(server.url("/").toString());
				assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Introflow");
			}
		}
	}

}
