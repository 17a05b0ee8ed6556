package io.introflow.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.introflow.correction.CorrectionRefusedException;
import io.introflow.correction.Corrections;
import io.introflow.intro.IntroState;

/**
 * {@code introflow intro set|release}: a person corrects an introduction. See
 * docs/replies.md, "Correcting Introflow".
 */
@Command(name = "intro", mixinStandardHelpOptions = true,
		description = "Correct an introduction: set its state, or release a hold.",
		subcommands = { IntroCommand.Set.class, IntroCommand.Release.class })
class IntroCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().usage(spec.commandLine().getErr());
		return IntroflowMain.BAD_USAGE;
	}

	/** Who made a correction when the command does not say: the account that ran it. */
	static String defaultBy() {
		return System.getProperty("user.name", "operator");
	}

	static void print(PrintWriter out, Corrections.Corrected c) {
		out.println("Introduction " + c.token() + ": "
				+ (c.from() == c.to() ? c.to() + " (state unchanged)" : c.from() + " -> " + c.to()));
		out.println("  next step: "
				+ (c.nextStep() != null ? c.nextStep() + " on " + c.nextStepDue() : "none (nothing more is sent)"));
		c.remarks().forEach(r -> out.println("  " + r));
	}

	/** {@code introflow intro set TOKEN STATE}. */
	@Command(name = "set", mixinStandardHelpOptions = true,
			description = { "Set an introduction's state, whatever the transition table allows, recorded as a "
					+ "CORRECTED event with your note. The next step is worked out again at once, so the next night "
					+ "follows it. A suppressed address stays suppressed.",
					"STATE is one of: PLANNED, VALUE_SENT, ASKED, AGREED, INTRODUCED, ENGAGED, MEETING, WON, LOST, "
							+ "DECLINED, NO_RESPONSE, OPTED_OUT, BOUNCED, CANCELLED." })
	static class Set extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Parameters(index = "0", paramLabel = "TOKEN", description = "The introduction's token (introflow status).")
		String token;

		@Parameters(index = "1", paramLabel = "STATE", description = "The state it should be in.")
		String state;

		@Option(names = "--note", paramLabel = "TEXT", description = "Why: kept with the CORRECTED event.")
		String note;

		@Option(names = "--by", paramLabel = "NAME", description = "Who corrects it (default: the user running it).")
		String by = defaultBy();

		@Option(names = "--date", description = "The day the correction is recorded on (default: today).")
		LocalDate date;

		@Override
		public Integer call() {
			IntroState to = parseState(spec, state);
			PrintWriter out = spec.commandLine().getOut();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				print(out, context.getBean(Corrections.class)
					.setState(token, to, note, by, date != null ? date : LocalDate.now()));
				out.flush();
				return IntroflowMain.OK;
			}
			catch (CorrectionRefusedException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
			}
		}

		private static IntroState parseState(CommandLine.Model.CommandSpec spec, String value) {
			try {
				return IntroState.valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(),
						"unknown state '" + value + "'; one of " + Arrays.toString(IntroState.values()));
			}
		}

	}

	/** {@code introflow intro release TOKEN}. */
	@Command(name = "release", mixinStandardHelpOptions = true,
			description = "Lift an introduction's hold (a reply waiting for its owner, or an out-of-office date): "
					+ "the held step is due again from its state, and goes out on the next night it is due.")
	static class Release extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Parameters(index = "0", paramLabel = "TOKEN", description = "The introduction's token (introflow status).")
		String token;

		@Option(names = "--by", paramLabel = "NAME", description = "Who releases it (default: the user running it).")
		String by = defaultBy();

		@Option(names = "--date", description = "The day the release is recorded on (default: today).")
		LocalDate date;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				print(out,
						context.getBean(Corrections.class).release(token, by, date != null ? date : LocalDate.now()));
				out.flush();
				return IntroflowMain.OK;
			}
			catch (CorrectionRefusedException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
			}
		}

	}

}
