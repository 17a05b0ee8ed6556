package io.introflow.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationContext;

import tools.jackson.databind.json.JsonMapper;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.playbook.Eligibility;
import io.introflow.report.Funnel;
import io.introflow.report.FunnelCounts;

/**
 * {@code status --json}: the funnel and the introductions, one introduction's history, or
 * one referrer's eligibility and introductions, as JSON with stable lower-case keys for
 * states.
 */
final class StatusJson {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ApplicationContext context;

	StatusJson(ApplicationContext context) {
		this.context = context;
	}

	record FunnelStatus(String date, String dateSource, LocalDate lastNight, FunnelCounts funnel,
			List<Intro> introductions) {
	}

	record Intro(String token, String state, String referrer, String owner, String prospect, String variant,
			String nextStep, LocalDate nextStepOn, LocalDate createdOn) {

		static Intro of(Introduction i) {
			return new Intro(i.token(), i.state().name().toLowerCase(Locale.ROOT), i.referrerEmail(), i.ownerEmail(),
					i.prospectEmail(), i.variant(), i.nextStep(), i.nextStepDue(), i.createdOn());
		}

	}

	record Event(LocalDate on, String type, String from, String to, String cause, String detail) {
	}

	record History(Intro introduction, List<Event> events) {
	}

	record Referrer(String contact, String relationship, String date, String dateSource, boolean mayBeAsked,
			String notAskedBecause, List<LocalDate> asksInLastYear, List<Intro> introductions) {
	}

	String funnel(StatusCommand.StatusDay day) {
		List<Intro> intros = context.getBean(IntroductionRepository.class).findAll().stream().map(Intro::of).toList();
		return write(new FunnelStatus(day.date().toString(), day.source(), day.lastNight(),
				context.getBean(Funnel.class).counts(), intros));
	}

	String introduction(Introduction intro) {
		List<Event> events = context.getBean(IntroEvents.class)
			.history(intro.id())
			.stream()
			.map(e -> new Event(e.occurredOn(), lower(e.type()), lower(e.fromState()), lower(e.toState()), e.cause(),
					e.detail()))
			.toList();
		return write(new History(Intro.of(intro), events));
	}

	Optional<String> contact(String email, StatusCommand.StatusDay day) {
		Optional<Contact> found = context.getBean(ContactRepository.class).find(email);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Contact c = found.get();
		Eligibility eligibility = context.getBean(Eligibility.class);
		String refusal = eligibility.refusal(c, day.date());
		List<Intro> intros = context.getBean(IntroductionRepository.class)
			.findAll()
			.stream()
			.filter(i -> i.referrerEmail().equalsIgnoreCase(c.email()))
			.map(Intro::of)
			.toList();
		return Optional.of(write(new Referrer(c.email(), c.relationship(), day.date().toString(), day.source(),
				refusal == null, refusal, eligibility.asksInYearBefore(c.email(), day.date()), intros)));
	}

	private String write(Object value) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
	}

	private static String lower(String s) {
		return (s != null) ? s.toLowerCase(Locale.ROOT) : null;
	}

}
