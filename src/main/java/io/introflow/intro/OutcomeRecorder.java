package io.introflow.intro;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.intake.ImportCounts;
import io.introflow.intake.RowError;

/**
 * Applies reported outcomes. An outcome moves the introduction along the main path
 * through the state machine (an introduction still {@code ASKED} that reports a meeting
 * passes {@code INTRODUCED} and {@code ENGAGED} first, and is thanked for; a won deal
 * then closes the loop with the referrer, as the sequence says); each outcome is applied
 * once per introduction, however often the file comes.
 */
@Component
public class OutcomeRecorder {

	private static final List<IntroState> PATH = List.of(IntroState.INTRODUCED, IntroState.ENGAGED, IntroState.MEETING);

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final JdbcClient jdbc;

	private final Clock clock;

	OutcomeRecorder(IntroductionRepository introductions, IntroEvents events, JdbcClient jdbc, Clock clock) {
		this.introductions = introductions;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public ImportCounts apply(List<Outcome> outcomes, Consumer<RowError> reject) {
		long applied = 0;
		long unchanged = 0;
		for (Outcome outcome : outcomes) {
			Optional<Introduction> found = find(outcome);
			if (found.isEmpty()) {
				reject.accept(new RowError(outcome.file(), outcome.line(),
						outcome.token().isEmpty() ? "prospect_email" : "token",
						outcome.token().isEmpty() ? outcome.prospectEmail() : outcome.token(),
						"matches no introduction"));
				continue;
			}
			Introduction intro = found.get();
			if (alreadyRecorded(intro, outcome)) {
				unchanged++;
				continue;
			}
			String problem = advance(intro, outcome);
			if (problem != null) {
				reject.accept(new RowError(outcome.file(), outcome.line(), "outcome", outcome.kind(), problem));
				continue;
			}
			jdbc.sql("""
					INSERT INTO intro_outcome (introduction_id, outcome, occurred_on, source, created_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(intro.id(), outcome.kind(), outcome.on(), outcome.where(), OffsetDateTime.now(clock))
				.update();
			events.record(intro.id(), outcome.on(), "OUTCOME", "import " + outcome.where(), outcome.kind());
			applied++;
		}
		return new ImportCounts(applied, 0, unchanged);
	}

	private Optional<Introduction> find(Outcome outcome) {
		if (!outcome.token().isEmpty()) {
			return introductions.findByToken(outcome.token());
		}
		return introductions.findByProspect(outcome.prospectEmail());
	}

	private boolean alreadyRecorded(Introduction intro, Outcome outcome) {
		return jdbc.sql("SELECT COUNT(*) FROM intro_outcome WHERE introduction_id = ? AND outcome = ?")
			.params(intro.id(), outcome.kind())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * @return null when the introduction reached the outcome's state (or was already past
	 * it), else why not
	 */
	private String advance(Introduction start, Outcome outcome) {
		IntroState target = switch (outcome.kind()) {
			case "won" -> IntroState.WON;
			case "lost" -> IntroState.LOST;
			default -> IntroState.MEETING;
		};
		Introduction intro = start;
		String cause = "import " + outcome.where();
		for (IntroState step : steps(intro.state(), target)) {
			if (!events.move(intro, step, outcome.on(), cause, "outcome " + outcome.kind())) {
				return "introduction " + intro.token() + " is " + intro.state() + " and cannot move to " + step;
			}
			intro = introductions.findById(intro.id()).orElseThrow();
		}
		return null;
	}

	/**
	 * The states between the current one and the target along the main path; empty when
	 * already there or past.
	 */
	static List<IntroState> steps(IntroState current, IntroState target) {
		if (current == target
				|| (target == IntroState.MEETING && (current == IntroState.WON || current == IntroState.LOST))) {
			return List.of();
		}
		int from = PATH.indexOf(current);
		java.util.ArrayList<IntroState> steps = new java.util.ArrayList<>();
		for (int i = from + 1; i < PATH.size(); i++) {
			steps.add(PATH.get(i));
			if (PATH.get(i) == target) {
				return steps;
			}
		}
		if (target == IntroState.WON || target == IntroState.LOST) {
			steps.add(target);
		}
		return steps;
	}

}
