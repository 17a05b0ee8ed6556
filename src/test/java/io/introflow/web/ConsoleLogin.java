package io.introflow.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.introflow.cli.WebServer;

/**
 * Console users for tests and the browser steps of logging in. Every test user has the
 * same password; its hash has BCrypt's lowest cost, so that tests do not spend seconds
 * hashing.
 */
public final class ConsoleLogin {

	public static final String PASSWORD = "correct horse battery staple";

	private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	public static final String OPS = "ops@introflow.example";

	private ConsoleLogin() {
	}

	/**
	 * Settings that make one OPS user ({@link #OPS}) and a REP user for each owner email
	 * given, all with {@link #PASSWORD}.
	 */
	public static Map<String, Object> users(String... repEmails) {
		Map<String, Object> settings = new LinkedHashMap<>();
		int i = 0;
		settings.put("introflow.console.users[" + i + "].name", OPS);
		settings.put("introflow.console.users[" + i + "].password", HASH);
		settings.put("introflow.console.users[" + i + "].role", "OPS");
		for (String rep : repEmails) {
			i++;
			settings.put("introflow.console.users[" + i + "].name", rep);
			settings.put("introflow.console.users[" + i + "].password", HASH);
			settings.put("introflow.console.users[" + i + "].role", "REP");
		}
		return settings;
	}

	/**
	 * Logs the browser out (if it was logged in) and in as {@code user}; waits for the
	 * console's first page.
	 */
	public static void logIn(WebDriver browser, WebServer server, String user) {
		browser.manage().deleteAllCookies();
		browser.get(server.url("/login").toString());
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("log-in")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("logged-in-as")));
	}

}
