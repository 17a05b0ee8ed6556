package io.introflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.introflow.bench.BenchInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow config show} and the one home: which files are read, what is shown,
 * what is masked.
 */
class ConfigCommandTests {

	@TempDir
	Path home;

	@TempDir
	Path elsewhere;

	@BeforeEach
	void homeWithItsOwnConfig() throws IOException {
		BenchInstallation.copyTree(Path.of("templates"), home.resolve("templates"));
		BenchInstallation.copyTree(Path.of("batch-config"), home.resolve("batch-config"));
		Files.createDirectories(home.resolve("config"));
		Files.writeString(home.resolve("config/application.yml"), """
				introflow:
				  mail:
				    firm-name: Home Firm Ltd
				""");
	}

	@Test
	void showsTheHomeAndASettingFromTheHomeConfigWithItsFileAndLine() {
		Result r = run("config", "show", "--home=" + home);

		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.out()).contains("Home: " + home.toAbsolutePath().normalize());
		assertThat(line(r.out(), "introflow.mail.firm-name")).contains("Home Firm Ltd")
			.contains(home.resolve("config/application.yml") + ":3");
	}

	@Test
	void showsAShippedSettingAsABuiltInDefault() {
		Result r = run("config", "show", "--home=" + home);

		assertThat(line(r.out(), "introflow.smtp.port")).contains("25").contains("built-in default");
	}

	@Test
	void masksAPasswordGivenWithSet() {
		Result r = run("config", "show", "--home=" + home, "--set", "introflow.imap.password=hunter2");

		assertThat(r.out()).doesNotContain("hunter2");
		assertThat(line(r.out(), "introflow.imap.password")).contains("****").contains("--set");
	}

	@Test
	void printsJsonForScripts() {
		Result r = run("config", "show", "--json", "--home=" + home, "--set", "introflow.smtp.password=hunter2");

		assertThat(r.code()).isZero();
		assertThat(r.out()).startsWith("{\n  \"home\": \"" + home.toAbsolutePath().normalize() + "\"")
			.contains("{\"key\": \"introflow.smtp.password\", \"value\": \"****\", \"from\": \"--set\", "
					+ "\"builtIn\": false}")
			.doesNotContain("hunter2");
	}

	@Test
	void aSettingGivenWithSetWinsOverTheHomeConfig() {
		Result r = run("config", "show", "--home=" + home, "--set", "introflow.mail.firm-name=Override Firm");

		assertThat(line(r.out(), "introflow.mail.firm-name")).contains("Override Firm").contains("--set");
	}

	@Test
	void theHomeConfigWinsOverBatchConfig() throws IOException {
		Files.writeString(home.resolve("batch-config/sending.yml"), """
				introflow:
				  sending:
				    connections: 3
				""");
		Files.writeString(home.resolve("config/application.yml"), """
				introflow:
				  sending:
				    connections: 5
				""");

		Result r = run("config", "show", "--home=" + home);

		assertThat(line(r.out(), "introflow.sending.connections")).contains(" 5 ")
			.contains(home.resolve("config/application.yml").toString());
	}

	@Test
	void neverReadsTheConfigFolderOfTheCurrentFolder() {
		assertThat(SpringCommand.configLocation(home)).doesNotContain("file:./")
			.isEqualTo("optional:classpath:/,optional:file:" + home.resolve("config") + "/");
	}

	@Test
	void aCommandRunFromAnotherFolderReadsTheHomeConfigAndNotTheCurrentFolders() throws Exception {
		// given a config/ in the folder the command is run from, with another firm name
		// and a secret in the
		// environment
		Files.createDirectories(elsewhere.resolve("config"));
		Files.writeString(elsewhere.resolve("config/application.yml"), """
				introflow:
				  mail:
				    firm-name: Current Folder Firm
				""");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-cp", System.getProperty("java.class.path"), IntroflowMain.class.getName(), "config", "show"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
		builder.environment().put("INTROFLOW_HOME", home.toString());
		builder.environment().put("INTROFLOW_SMTP_PASSWORD", "env-secret-42");
		builder.environment().put("INTROFLOW_SMTP_HOST", "smtp.env.example");

		// when
		Process child = builder.redirectErrorStream(true).start();
		String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

		// then
		assertThat(child.exitValue()).as(out).isZero();
		assertThat(out).contains("Home: " + home.toAbsolutePath().normalize())
			.doesNotContain("Current Folder Firm")
			.doesNotContain("env-secret-42");
		assertThat(line(out, "introflow.mail.firm-name")).contains("Home Firm Ltd");
		assertThat(line(out, "introflow.smtp.host")).contains("smtp.env.example")
			.contains("environment variable INTROFLOW_SMTP_HOST");
		assertThat(line(out, "introflow.smtp.password")).contains("****");
	}

	@Test
	void exitsTwoOnABadConfig() throws IOException {
		Files.writeString(home.resolve("config/application.yml"), """
				introflow:
				  sending:
				    connections: many
				""");

		Result r = run("config", "show", "--home=" + home);

		assertThat(r.code()).isEqualTo(2);
		assertThat(r.err()).contains("introflow.sending.connections");
	}

	private static String line(String out, String key) {
		return out.lines().filter(l -> l.startsWith(key + " ")).findFirst().orElse("(no line for " + key + ")\n" + out);
	}

	static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = IntroflowMain.execute(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}

}
