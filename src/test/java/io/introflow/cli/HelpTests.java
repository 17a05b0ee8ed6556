package io.introflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --help} on every command and subcommand: exit 0, its usage and its exit codes on
 * stdout.
 */
class HelpTests {

	@TestFactory
	Stream<DynamicTest> everyCommandAndSubcommandAnswersHelpWithItsUsageAndExitCodes() {
		List<List<String>> commands = commandTree(new CommandLine(new IntroflowMain()), List.of());
		assertThat(commands.stream().map(c -> String.join(" ", c))).contains("", "run nightly", "replies reclassify",
				"intro set", "templates check", "bench import", "help");
		return commands.stream()
			.flatMap(command -> Stream.of("--help", "-h")
				.map(flag -> DynamicTest.dynamicTest(String.join(" ", command) + " " + flag, () -> {
					List<String> args = new ArrayList<>(command);
					args.add(flag);
					Printed help = execute(args.toArray(String[]::new));

					assertThat(help.exitCode()).as(help.err()).isZero();
					assertThat(help.out()).contains("Usage: introflow " + String.join(" ", command).trim(),
							"Exit codes:", "-h, --help");
					assertThat(help.err()).isEmpty();
				})));
	}

	@Test
	void helpCommandShowsANestedSubcommandsUsage() {
		Printed help = execute("help", "run", "nightly");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("Usage: introflow run nightly", "--date", "Exit codes:");
	}

	@Test
	void helpCommandExitsTwoOnAnUnknownCommand() {
		Printed help = execute("help", "run", "weekly");

		assertThat(help.exitCode()).isEqualTo(2);
		assertThat(help.err()).contains("run weekly");
	}

	@Test
	void aCommandWithItsOwnExitCodesSaysSo() {
		Printed help = execute("templates", "check", "--help");

		assertThat(help.out()).contains("1   a template has a problem").doesNotContain("the job failed");
		assertThat(execute("run", "nightly", "--help").out()).contains("0   done", "1   the job failed",
				"2   bad usage or configuration");
	}

	@ParameterizedTest
	@ValueSource(strings = { "run", "templates", "bench", "intro" })
	void aCommandGroupWithoutItsSubcommandExitsTwoWithItsUsageOnStderr(String group) {
		Printed printed = execute(group);

		assertThat(printed.exitCode()).isEqualTo(2);
		assertThat(printed.err()).contains("Usage: introflow " + group);
		assertThat(printed.out()).isEmpty();
	}

	/**
	 * Each command's path from the root, the root itself first; aliases are not walked
	 * twice.
	 */
	private static List<List<String>> commandTree(CommandLine command, List<String> path) {
		List<List<String>> all = new ArrayList<>();
		all.add(path);
		command.getSubcommands().forEach((name, sub) -> {
			if (sub.getCommandName().equals(name)) {
				List<String> next = new ArrayList<>(path);
				next.add(name);
				all.addAll(commandTree(sub, next));
			}
		});
		return all;
	}

	private static Printed execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = IntroflowMain.execute(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
		return new Printed(code, out.toString(), err.toString());
	}

	private record Printed(int exitCode, String out, String err) {
	}

}
