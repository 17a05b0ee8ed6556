package io.introflow.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.playbook.ReferrerTimeline;
import io.introflow.report.Funnel;

/**
 * {@code introflow status}: the funnel, or the timeline of one introduction or referrer.
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

	@Option(names = "--date", description = "The day eligibility is judged on (default: today).")
	LocalDate date = LocalDate.now();

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			Funnel funnel = context.getBean(Funnel.class);
			IntroductionRepository introductions = context.getBean(IntroductionRepository.class);
			if (token != null) {
				Introduction intro = introductions.findByToken(token)
					.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
							"no introduction with token '" + token + "'"));
				out.print(funnel.historyText(intro));
			}
			else if (contact != null) {
				out.print(context.getBean(ReferrerTimeline.class).text(contact, date).orElseThrow(
						() -> new CommandLine.ParameterException(spec.commandLine(),
								"no client or partner with address '" + contact + "'")));
			}
			else {
				out.print(funnel.funnelText());
				for (Introduction intro : introductions.findAll()) {
					out.printf("  %s  %-12s %-32s next: %s%n", intro.token(), intro.state(), intro.referrerEmail(),
							(intro.nextStep() != null) ? intro.nextStep() + " on " + intro.nextStepDue() : "-");
				}
			}
			out.flush();
			return IntroflowMain.OK;
		}
	}

}
