package io.introflow.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.NightlyRuns;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.report.Funnel;
import io.introflow.report.ReferrerTimeline;
import io.introflow.report.TextTable;

/**
 * {@code introflow status}: the funnel and the introductions, or the timeline of one
 * introduction or referrer; as aligned tables for people or as JSON for scripts.
 * Eligibility is judged on the last completed night unless {@code --date} names another
 * day, so that status explains what that night did.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Show the funnel, or the history of one introduction (--intro) or referrer (--contact).")
class StatusCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--intro", description = "An introduction's token.")
	String token;

	@Option(names = "--contact", description = "A referrer's email address: eligibility, asks, pauses, triggers "
			+ "and the history of each introduction.")
	String contact;

	@Option(names = "--date", description = "The day eligibility is judged on (default: the date of the last "
			+ "completed nightly run, or today when no night has completed).")
	LocalDate date;

	@Option(names = "--json", description = "Print JSON for scripts instead of tables.")
	boolean json;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			Funnel funnel = context.getBean(Funnel.class);
			IntroductionRepository introductions = context.getBean(IntroductionRepository.class);
			StatusDay day = day(context.getBean(NightlyRuns.class).lastCompleted());
			StatusJson asJson = new StatusJson(context);
			if (token != null) {
				Introduction intro = introductions.findByToken(token)
					.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
							"no introduction with token '" + token + "'"));
				out.print(json ? asJson.introduction(intro) : funnel.historyText(intro));
			}
			else if (contact != null) {
				if (json) {
					out.print(asJson.contact(contact, day).orElseThrow(this::noContact));
				}
				else {
					out.println(day.sentence());
					out.print(context.getBean(ReferrerTimeline.class)
						.text(contact, day.date())
						.orElseThrow(this::noContact));
				}
			}
			else if (json) {
				out.print(asJson.funnel(day));
			}
			else {
				out.println(day.lastNightSentence());
				out.print(funnel.funnelText());
				out.print(introductionsTable(introductions));
			}
			out.flush();
			return IntroflowMain.OK;
		}
	}

	private CommandLine.ParameterException noContact() {
		return new CommandLine.ParameterException(spec.commandLine(),
				"no client or partner with address '" + contact + "'");
	}

	private StatusDay day(Optional<LocalDate> lastNight) {
		if (date != null) {
			return new StatusDay(date, "option", lastNight.orElse(null));
		}
		return lastNight.map(d -> new StatusDay(d, "last_night", d))
			.orElseGet(() -> new StatusDay(LocalDate.now(), "today", null));
	}

	private static String introductionsTable(IntroductionRepository introductions) {
		TextTable table = TextTable.of("token", "state", "referrer", "next step", "on");
		for (Introduction intro : introductions.findAll()) {
			table.row(intro.token(), TextTable.words(intro.state()), intro.referrerEmail(), intro.nextStep(),
					intro.nextStepDue());
		}
		return "Introductions\n" + (table.isEmpty() ? "  none yet\n" : table.render("  "));
	}

	/**
	 * The day status judges on and where it came from.
	 *
	 * @param source {@code option} (--date), {@code last_night} or {@code today} (no
	 * night has completed)
	 * @param lastNight the run date of the last completed night, or null
	 */
	record StatusDay(LocalDate date, String source, LocalDate lastNight) {

		String sentence() {
			return switch (source) {
				case "option" -> "Judged on " + date + " (--date).";
				case "last_night" -> "Judged on " + date + ", the date of the last completed nightly run "
						+ "(--date to judge on another day).";
				default -> "Judged on today, " + date + ": no nightly run has completed yet.";
			};
		}

		String lastNightSentence() {
			return (lastNight != null) ? "Last completed nightly run: " + lastNight + "."
					: "No nightly run has completed yet.";
		}

	}

}
