package io.introflow.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for browser tests, driven by Selenium WebDriver through the
 * system's ChromeDriver (Debian {@code chromium} and {@code chromium-driver}), offline:
 * nothing is downloaded. One browser per test class, handed to test methods as a
 * {@link WebDriver} parameter.
 * <p>
 * Without Chromium the tests are skipped, except under {@code CI=true}, where they fail:
 * {@code .ci/run} installs the packages, so a missing browser there is a broken build,
 * not a reason to pass.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private ChromeDriver driver;

	private Path profile;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but " + BROWSER + " or " + DRIVER
					+ " is missing: install the Debian packages chromium and chromium-driver (.ci/run does)");
		}
		Assumptions.assumeTrue(present, "Chromium is not installed (apt-get install chromium chromium-driver)");
		profile = Files.createTempDirectory("introflow-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		// the flags that keep Chromium from reaching for Google's hosts on a closed
		// network
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1024", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (driver != null) {
			driver.quit();
		}
		if (profile != null) {
			org.springframework.util.FileSystemUtils.deleteRecursively(profile);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType().isAssignableFrom(ChromeDriver.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return driver;
	}

}
