package io.introflow.playbook;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.introflow.intro.IntroState;
import io.introflow.template.TemplateCatalog;

/**
 * The playbook marketing ops edit in {@code batch-config/sequences.yml}: the sequence of
 * each segment, who may be asked and how often, account pauses, the cadence, and the
 * business-day calendar.
 *
 * @param segments the sequence per segment; a segment without its own uses its
 * relationship's ({@code customer} or {@code partner})
 */
@Validated
@ConfigurationProperties("introflow.sequences")
public record SequenceProperties(Map<String, Sequence> segments, Eligibility eligibility, Cadence cadence,
		Map<String, Pause> pauses, Calendar calendar) {

	/** The emails a step may send (the template catalog's step kinds). */
	public static final Set<String> STEP_KINDS = Set.copyOf(TemplateCatalog.STEP_KINDS);

	/**
	 * The trigger types that pause (or resume) automated email instead of starting an
	 * introduction.
	 */
	public static final Set<String> PAUSE_TYPES = Set.of("escalation", "nps_detractor", "pause");

	public SequenceProperties {
		segments = (segments != null) ? new LinkedHashMap<>(segments) : new LinkedHashMap<>();
		segments.putIfAbsent("customer", Sequence.DEFAULT);
		segments.putIfAbsent("partner", Sequence.DEFAULT);
		eligibility = (eligibility != null) ? eligibility : new Eligibility(null, null, null);
		cadence = (cadence != null) ? cadence : new Cadence(null, null);
		pauses = (pauses != null) ? new LinkedHashMap<>(pauses) : new LinkedHashMap<>();
		for (String type : pauses.keySet()) {
			if (!PAUSE_TYPES.contains(type)) {
				throw new IllegalArgumentException("introflow.sequences.pauses." + type
						+ ": not a pausing trigger type (one of " + String.join(", ", PAUSE_TYPES) + ")");
			}
		}
		for (String type : PAUSE_TYPES) {
			pauses.putIfAbsent(type, new Pause(0, Scope.COMPANY));
		}
		calendar = (calendar != null) ? calendar : new Calendar(null, null, null, null);
		segments.forEach((name, sequence) -> sequence.validate("introflow.sequences.segments." + name));
	}

	/** The sequence of a segment, else of the relationship, else the customers'. */
	public Sequence sequenceFor(String segment, String relationship) {
		Sequence s = segments.get(segment);
		if (s == null && relationship != null) {
			s = segments.get(relationship);
		}
		return (s != null) ? s : segments.get("customer");
	}

	/**
	 * One segment's sequence.
	 *
	 * @param steps in order; the first whose conditions hold is the next step
	 * @param giveUpAfter business days without an answer after the last email before an
	 * introduction still {@code ASKED} or {@code AGREED} ends as {@code NO_RESPONSE}; 0
	 * never
	 * @param monthlySummary the partner summary, sent on the given business day of each
	 * month; null for none
	 */
	public record Sequence(List<Step> steps, @Min(0) Integer giveUpAfter, MonthlySummary monthlySummary) {

		static final Sequence DEFAULT = new Sequence(null, null, null);

		public Sequence {
			steps = (steps == null || steps.isEmpty())
					? List.of(new Step("value", null, 0, List.of(IntroState.PLANNED), 1, null),
							new Step("ask", null, 2, List.of(IntroState.VALUE_SENT), 1, null),
							new Step("nudge", null, 5, List.of(IntroState.ASKED), 1, "ask"),
							new Step("last-nudge", "nudge-2", 5, List.of(IntroState.ASKED), 1, "ask"),
							new Step("reminder", null, 7, List.of(IntroState.AGREED), 1, "ask"),
							new Step("thank-you", null, 0, Step.INTRODUCED_OR_LATER, 1, null),
							new Step("close-the-loop", null, 1, List.of(IntroState.WON), 1, null))
					: List.copyOf(steps);
			giveUpAfter = (giveUpAfter != null) ? giveUpAfter : 10;
		}

		void validate(String key) {
			Set<String> names = new HashSet<>();
			for (int i = 0; i < steps.size(); i++) {
				Step step = steps.get(i);
				String at = key + ".steps[" + i + "]";
				if (step.name() == null || !step.name().matches("[a-z][a-z0-9-]{0,30}")) {
					throw new IllegalArgumentException(at + ".name: '" + step.name()
							+ "' is not a step name (lower-case letters, digits and '-')");
				}
				if (step.name().matches(".*-[0-9]+") || step.name().startsWith("partner-summary")
						|| step.name().equals(Sequences.NO_RESPONSE)) {
					throw new IllegalArgumentException(
							at + ".name: '" + step.name() + "' is reserved (names must not end in -<number>)");
				}
				if (!names.add(step.name())) {
					throw new IllegalArgumentException(at + ".name: '" + step.name() + "' is used twice");
				}
				if (!STEP_KINDS.contains(step.kind())) {
					throw new IllegalArgumentException(at + ".kind: '" + step.kind() + "' is not one of "
							+ String.join(", ", STEP_KINDS.stream().sorted().toList()));
				}
				if (step.when().isEmpty()) {
					throw new IllegalArgumentException(at + ".when: name the states in which the step is sent");
				}
				if (step.follows() != null && (step.follows().equals(step.name()) || !names.contains(step.follows()))) {
					throw new IllegalArgumentException(at + ".follows: '" + step.follows()
							+ "' is not an earlier step of this sequence (a step follows the email of one named above "
							+ "it; its own earlier emails are followed anyway)");
				}
			}
		}

		/** The step of this name; none for an unknown name. */
		Optional<Step> step(String name) {
			return steps.stream().filter(s -> s.name().equals(name)).findFirst();
		}

	}

	/**
	 * One step.
	 *
	 * @param name the step's name, unique in the sequence; its emails' step keys are
	 * {@code name}, {@code name-2}...
	 * @param kind the template kind; by default the name
	 * @param after business days after the later of the introduction's last email and its
	 * last change of state
	 * @param when the states in which the step is sent; in any other state it is passed
	 * over
	 * @param max how many times the step is sent for one introduction
	 * @param follows the earlier step whose email this one follows in the same thread (a
	 * reply to it, with its subject after "Re: "); null starts a new thread
	 */
	public record Step(String name, String kind, @Min(0) int after, List<IntroState> when, @Min(1) Integer max,
			String follows) {

		static final List<IntroState> INTRODUCED_OR_LATER = List.of(IntroState.INTRODUCED, IntroState.ENGAGED,
				IntroState.MEETING, IntroState.WON, IntroState.LOST);

		/** The kinds that ask something of the referrer. */
		static final Set<String> ASKING_KINDS = Set.of("value", "ask", "nudge", "nudge-2", "reminder");

		public Step {
			kind = (kind != null) ? kind : name;
			when = (when != null) ? List.copyOf(when) : List.of();
			max = (max != null) ? max : 1;
		}

		/**
		 * Steps that ask something of the referrer; a question or a pause holds them,
		 * unlike thanks.
		 */
		boolean asks() {
			return ASKING_KINDS.contains(kind);
		}

	}

	/**
	 * @param businessDay the partner summary goes on this business day of the month (1:
	 * the first)
	 */
	public record MonthlySummary(@Min(1) Integer businessDay) {

		public MonthlySummary {
			businessDay = (businessDay != null) ? businessDay : 1;
		}

	}

	/**
	 * Who may be asked.
	 *
	 * @param coolDownDays days after an ask before the same referrer is asked again
	 * @param maxAsksPerYear asks per referrer in any 365 days
	 * @param minRelationshipDays days since the relationship began ({@code since} in the
	 * clients file) before a first ask
	 */
	public record Eligibility(@Min(0) Integer coolDownDays, @Min(1) Integer maxAsksPerYear,
			@Min(0) Integer minRelationshipDays) {

		public Eligibility {
			coolDownDays = (coolDownDays != null) ? coolDownDays : 60;
			maxAsksPerYear = (maxAsksPerYear != null) ? maxAsksPerYear : 4;
			minRelationshipDays = (minRelationshipDays != null) ? minRelationshipDays : 30;
		}

	}

	/**
	 * @param everyDays a referrer with no trigger and no ask for this many days gets a
	 * {@code cadence} trigger; 0 off
	 * @param maxPerNight at most this many cadence triggers per night, longest untouched
	 * first
	 */
	public record Cadence(@Min(0) Integer everyDays, @Min(1) Integer maxPerNight) {

		public Cadence {
			everyDays = (everyDays != null) ? everyDays : 90;
			maxPerNight = (maxPerNight != null) ? maxPerNight : 200;
		}

	}

	/** Whom a pause covers: the contact alone, or every contact of the same company. */
	public enum Scope {

		CONTACT, COMPANY

	}

	/**
	 * @param days how long the pause lasts; 0 until a {@code resume} trigger
	 */
	public record Pause(@Min(0) int days, Scope scope) {

		public Pause {
			scope = (scope != null) ? scope : Scope.COMPANY;
		}

	}

	/**
	 * Business days.
	 *
	 * @param defaultCountry the country of contacts without one (ISO 3166 code, such as
	 * {@code GB})
	 * @param weekend the days that are never business days
	 * @param extraHolidays per country, days off that are not public holidays (a company
	 * shutdown)
	 * @param regions per country, the region whose public holidays count too (such as
	 * {@code DE: by})
	 */
	public record Calendar(String defaultCountry, Set<DayOfWeek> weekend, Map<String, List<LocalDate>> extraHolidays,
			Map<String, String> regions) {

		public Calendar {
			defaultCountry = (defaultCountry != null && !defaultCountry.isBlank())
					? defaultCountry.strip().toUpperCase(Locale.ROOT) : "GB";
			weekend = (weekend != null) ? EnumSet.copyOf(weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : weekend)
					: EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
			Map<String, List<LocalDate>> extra = new LinkedHashMap<>();
			if (extraHolidays != null) {
				extraHolidays.forEach((c, days) -> extra.put(c.toUpperCase(Locale.ROOT), List.copyOf(days)));
			}
			extraHolidays = extra;
			Map<String, String> r = new LinkedHashMap<>();
			if (regions != null) {
				regions.forEach((c, region) -> r.put(c.toUpperCase(Locale.ROOT), region.toLowerCase(Locale.ROOT)));
			}
			regions = r;
			if (weekend.size() == 7) {
				throw new IllegalArgumentException("introflow.sequences.calendar.weekend: leaves no business day");
			}
		}

	}

}
