package io.introflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The screenshots of docs/console.md, taken by the browser tests as they click through
 * the console: each lands in {@code target/console-screenshots/<name>.png};
 * {@code docs/images/console-<name>.png} are copies of them.
 */
public final class ConsoleScreenshots {

	static final Path FOLDER = Path.of("target", "console-screenshots");

	private ConsoleScreenshots() {
	}

	public static Path take(WebDriver browser, String name) {
		try {
			Files.createDirectories(FOLDER);
			Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
			return Files.copy(shot, FOLDER.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
