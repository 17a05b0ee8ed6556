package io.introflow.intro;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.playbook.Sequences;

/**
 * The append-only audit trail, and the only way states change: every move goes through
 * the {@link IntroStateMachine}; a legal move is applied and recorded, an illegal one is
 * recorded and rejected.
 */
@Component
public class IntroEvents {

	private static final Logger log = LoggerFactory.getLogger(IntroEvents.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final IntroductionRepository introductions;

	private final Sequences sequences;

	private final IntroStateMachine machine = new IntroStateMachine();

	private final JdbcTemplate batch;

	IntroEvents(JdbcClient jdbc, JdbcTemplate batch, Clock clock, IntroductionRepository introductions,
			Sequences sequences) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
		this.introductions = introductions;
		this.sequences = sequences;
	}

	/** One line of an introduction's history. */
	public record Event(long introductionId, LocalDate occurredOn, String type, String fromState, String toState,
			String cause, String detail) {
	}

	/**
	 * Moves an introduction to a new state; its sequence then works out its next step
	 * from the new state.
	 * @param cause what caused it, such as {@code inbound:12} or {@code trigger:3}
	 * @return true when the move was legal and applied
	 */
	public boolean move(Introduction intro, IntroState to, LocalDate on, String cause, String detail) {
		IntroStateMachine.Transition t = machine.decide(intro.state(), to);
		if (t.legal() && introductions.updateState(intro.id(), intro.state(), to, on)) {
			insert(intro.id(), on, "TRANSITION", intro.state().name(), to.name(), cause, detail);
			sequences.reschedule(intro.id());
			return true;
		}
		String reason = t.legal() ? "state changed concurrently" : t.rejection();
		log.info("Introduction {}: rejected move {} -> {} ({}), cause {}", intro.id(), intro.state(), to, reason,
				cause);
		insert(intro.id(), on, "REJECTED_TRANSITION", intro.state().name(), to.name(), cause, reason);
		return false;
	}

	/**
	 * A person's correction: moves to any state, bypassing the transition table (the only
	 * move allowed to), recorded as {@code CORRECTED} with who made it and their note;
	 * the sequence then works out its next step from the new state. Nothing else changes:
	 * a suppression stays, whatever the state.
	 * @param by who corrected it, recorded as the cause {@code correction:<by>}
	 * @return false when the state changed concurrently (nothing was changed)
	 */
	public boolean correct(Introduction intro, IntroState to, LocalDate on, String by, String note) {
		if (!introductions.updateState(intro.id(), intro.state(), to, on)) {
			return false;
		}
		insert(intro.id(), on, "CORRECTED", intro.state().name(), to.name(), "correction:" + by, note);
		sequences.reschedule(intro.id());
		return true;
	}

	/**
	 * Records something that happened without a state change, such as a postponed step.
	 */
	public void record(Long introductionId, LocalDate on, String type, String cause, String detail) {
		insert(introductionId, on, type, null, null, cause, detail);
	}

	/**
	 * Records events that change no state, in one batch (a chunk's {@code PLANNED}
	 * events).
	 */
	public void recordAll(List<Event> events) {
		if (events.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		batch.batchUpdate("""
				INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, from_state, to_state, cause,
				  detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
				events.stream()
					.map(e -> new Object[] { e.introductionId(), e.occurredOn(), now, e.type(), e.fromState(),
							e.toState(), e.cause(), truncate(e.detail()) })
					.toList());
	}

	/**
	 * Whether an event of this type and cause is already in the introduction's history.
	 */
	public boolean recorded(long introductionId, String type, String cause) {
		return jdbc.sql("SELECT COUNT(*) FROM intro_event WHERE introduction_id = ? AND type = ? AND cause = ?")
			.params(introductionId, type, cause)
			.query(Integer.class)
			.single() > 0;
	}

	public List<Event> history(long introductionId) {
		return jdbc.sql("""
				SELECT introduction_id, occurred_on, type, from_state, to_state, cause, detail FROM intro_event
				WHERE introduction_id = ? ORDER BY id""").param(introductionId).query(IntroEvents::event).list();
	}

	private static Event event(ResultSet rs, int n) throws SQLException {
		return new Event(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7));
	}

	private void insert(Long introductionId, LocalDate on, String type, String from, String to, String cause,
			String detail) {
		jdbc.sql("""
				INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, from_state, to_state, cause,
				  detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(introductionId, on, OffsetDateTime.now(clock), type, from, to, cause, truncate(detail))
			.update();
	}

	private static String truncate(String s) {
		return (s == null || s.length() <= 2000) ? s : s.substring(0, 2000);
	}

}
