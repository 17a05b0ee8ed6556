package io.introflow.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code introflow console hash-password}: the BCrypt hash of a console user's password,
 * for the settings.
 */
@Command(name = "console", mixinStandardHelpOptions = true, description = "Set up the users of the console.",
		subcommands = { ConsoleCommand.HashPassword.class })
class ConsoleCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "say hash-password");
	}

	@Command(name = "hash-password", mixinStandardHelpOptions = true,
			description = {
					"Read a password from standard input (typed without echo on a terminal, asked twice) "
							+ "and print its {bcrypt} hash for introflow.console.users[i].password (or the environment "
							+ "variable INTROFLOW_CONSOLE_USERS_<i>_PASSWORD). The password itself is stored nowhere.",
					"Exit codes: 0 printed, 2 no password or the two differ." })
	static class HashPassword implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--cost", defaultValue = "12",
				description = "BCrypt's log2 cost, 4 to 31 (default: ${DEFAULT-VALUE}; each step doubles the time a "
						+ "log-in, and a guess, takes).")
		int cost;

		@Override
		public Integer call() throws IOException {
			if (cost < 4 || cost > 31) {
				throw new CommandLine.ParameterException(spec.commandLine(), "--cost must be 4 to 31, not " + cost);
			}
			char[] password = read();
			try {
				if (password == null || password.length == 0) {
					throw new CommandLine.ParameterException(spec.commandLine(), "no password given on standard input");
				}
				String hash = new BCryptPasswordEncoder(cost).encode(CharBuffer.wrap(password));
				spec.commandLine().getOut().println("{bcrypt}" + hash);
				spec.commandLine().getOut().flush();
				return IntroflowMain.OK;
			}
			finally {
				if (password != null) {
					Arrays.fill(password, '\0');
				}
			}
		}

		/**
		 * From the terminal without echo, twice; else the first line of standard input.
		 */
		private char[] read() throws IOException {
			Console console = terminal();
			if (console != null) {
				char[] first = console.readPassword("Password: ");
				char[] again = console.readPassword("Again: ");
				boolean same = first != null && Arrays.equals(first, again);
				if (again != null) {
					Arrays.fill(again, '\0');
				}
				if (!same) {
					throw new CommandLine.ParameterException(spec.commandLine(), "the two passwords differ");
				}
				return first;
			}
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			return (line != null) ? line.toCharArray() : null;
		}

		/**
		 * The terminal, or null when standard input is not one. From Java 22 on,
		 * {@code System.console()} answers even when input is redirected;
		 * {@code isTerminal()} (Java 22) tells the two apart.
		 */
		private static Console terminal() {
			Console console = System.console();
			if (console == null) {
				return null;
			}
			try {
				return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
			}
			catch (NoSuchMethodException ex) {
				// before Java 22 a console is a terminal
				return console;
			}
			catch (ReflectiveOperationException ex) {
				return null;
			}
		}

	}

}
