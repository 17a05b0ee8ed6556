package io.introflow.batch;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;
import io.introflow.contact.Contact;
import io.introflow.inbound.InboundSource;
import io.introflow.inbound.InboundStore;
import io.introflow.inbound.ReplyProcessor;
import io.introflow.intro.PartnerSummaries;
import io.introflow.intro.StepComposer;
import io.introflow.outbound.OutboxRelay;
import io.introflow.playbook.Cadence;
import io.introflow.template.TemplateCheck;
import io.introflow.trigger.IntroductionPlanner;
import io.introflow.trigger.Trigger;

/**
 * The {@code nightly} job: wiring only; each step delegates to its feature. Identified by
 * the run date, so a second run of the same date does nothing and a failed run restarts
 * where it stopped.
 */
@Configuration(proxyBeanMethods = false)
class NightlyJobConfiguration {

	static final String RUN_DATE = RunDates.RUN_DATE;

	static final List<String> STEPS = List.of("checkTemplates", "importClients", "importTriggers", "importOutcomes",
			"importSuppressions", "importPartnerReferrals", "fetchReplies", "planIntroductions", "composeDueSteps",
			"sendOutbox", "report");

	private final JobRepository jobs;

	private final PlatformTransactionManager tm;

	private final IntroflowProperties properties;

	NightlyJobConfiguration(JobRepository jobs, PlatformTransactionManager tm, IntroflowProperties properties) {
		this.jobs = jobs;
		this.tm = tm;
		this.properties = properties;
	}

	@Bean
	Job nightly(TemplateCheck check, ImportSteps imports, InboundSource inbound, ReplyProcessor replies,
			InboundStore stored, Cadence cadence, IntroductionPlanner planner, StepComposer composer,
			PartnerSummaries summaries, OutboxRelay relay, RunReport report) {
		return new JobBuilder("nightly", jobs)
			.validator(new DefaultJobParametersValidator(new String[] { RUN_DATE }, new String[0]))
			.start(checkTemplates(check))
			.next(imports.fromInbox(imports.byType("clients").orElseThrow()))
			.next(imports.fromInbox(imports.byType("triggers").orElseThrow()))
			.next(imports.fromInbox(imports.byType("outcomes").orElseThrow()))
			.next(imports.fromInbox(imports.byType("suppressions").orElseThrow()))
			.next(imports.fromInbox(imports.byType("partner-referrals").orElseThrow()))
			.next(tasklet("fetchReplies", day -> StepSummary.replies(inbound.fetch(), replies.processStored(day))))
			.next(tasklet("planIntroductions",
					day -> StepSummary.joined(
							List.of(StepSummary.of(cadence.generate(day)), StepSummary.planned(planner.plan(day))))))
			.next(tasklet("composeDueSteps",
					day -> StepSummary.joined(List.of(StepSummary.composed(composeUnlessUnread(stored, composer, day)),
							StepSummary.of(summaries.composeDue(day))))))
			.next(tasklet("sendOutbox", day -> StepSummary.sent(relay.relay())))
			.next(new StepBuilder("report", jobs).tasklet(report, tm).build())
			.build();
	}

	private Step checkTemplates(TemplateCheck check) {
		return tasklet("checkTemplates", day -> {
			List<String> problems = check.problems();
			if (!problems.isEmpty()) {
				throw new IntroflowException("templates have " + problems.size() + " problem(s); nothing was sent:\n  "
						+ String.join("\n  ", problems));
			}
			return StepSummary.of("all templates render");
		});
	}

	/**
	 * Nothing is composed while a stored reply is still unread: it may be the answer that
	 * stops a step. The check lives here, where both features meet, so that {@code intro}
	 * does not depend on {@code inbound}.
	 */
	private static StepComposer.Result composeUnlessUnread(InboundStore stored, StepComposer composer, LocalDate day) {
		int unread = stored.countUnprocessed();
		return (unread > 0) ? StepComposer.Result.unreadReplies(unread) : composer.composeDue(day);
	}

	private Step tasklet(String name, java.util.function.Function<java.time.LocalDate, StepSummary> work) {
		return new StepBuilder(name, jobs).tasklet(Tasklets.forRunDate(work), tm).build();
	}

}
