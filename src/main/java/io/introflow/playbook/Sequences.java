package io.introflow.playbook;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.intro.IntroState;

/**
 * Where each introduction is in its segment's sequence, and what comes next. The next
 * step is worked out again whenever something happens to the introduction (an email
 * queued, a change of state, a hold), from what is stored: the state and since when, the
 * day of the last email, the emails already queued per step, and any hold. So a changed
 * {@code sequences.yml} applies to introductions already under way from their next event
 * on.
 */
@Component
public class Sequences {

	/**
	 * Not an email: an introduction still waiting for an answer when the sequence gives
	 * up ends as NO_RESPONSE.
	 */
	public static final String NO_RESPONSE = "no-response";

	private final JdbcClient jdbc;

	private final Playbook playbook;

	public Sequences(JdbcClient jdbc, SequenceProperties properties, BusinessCalendar calendar) {
		this.jdbc = jdbc;
		this.playbook = new Playbook(properties, calendar);
	}

	/** What the sequence needs to know about one introduction. */
	record Position(long id, String segment, String relationship, String country, IntroState state, LocalDate createdOn,
			LocalDate stateSince, LocalDate lastEmailOn, LocalDate heldUntil, String holdReason) {

		LocalDate anchor() {
			LocalDate a = createdOn;
			if (stateSince != null && stateSince.isAfter(a)) {
				a = stateSince;
			}
			if (lastEmailOn != null && lastEmailOn.isAfter(a)) {
				a = lastEmailOn;
			}
			return a;
		}

	}

	/**
	 * The next step of an introduction: the step key of its email and the business day it
	 * is due.
	 */
	public record Next(String stepKey, String kind, LocalDate due) {
	}

	/**
	 * Works out the next step again and stores it; none when the sequence has nothing
	 * more to send.
	 */
	public Optional<Next> reschedule(long introductionId) {
		Optional<Position> position = position(introductionId);
		Optional<Next> next = position.flatMap(p -> next(p, sentPerStep(introductionId)));
		jdbc.sql("UPDATE introduction SET next_step = ?, next_step_due = ? WHERE id = ?")
			.params(next.map(Next::stepKey).orElse(null), next.map(Next::due).orElse(null), introductionId)
			.update();
		return next;
	}

	/**
	 * Records a queued email and moves the sequence on. An {@code ask} starts the
	 * referrer's cool-down.
	 */
	public Optional<Next> emailQueued(long introductionId, String kind, LocalDate day) {
		jdbc.sql(
				"UPDATE introduction SET last_email_on = ?, asked_on = CASE WHEN ? THEN ? ELSE asked_on END WHERE id = ?")
			.params(day, kind.equals("ask"), day, introductionId)
			.update();
		return reschedule(introductionId);
	}

	/**
	 * Holds the steps that ask something of the referrer until a person has dealt with
	 * the reply (any change of state lifts it); thanks still go.
	 */
	public Optional<Next> holdForOwner(long introductionId, String reason) {
		jdbc.sql("UPDATE introduction SET hold_reason = ? WHERE id = ?").params(reason, introductionId).update();
		return reschedule(introductionId);
	}

	/**
	 * Whether a person's answer (yes, no, someone else) may move the state. A reply to
	 * the value email, sent before anything was asked, does not: it changes no state, and
	 * the ask follows on schedule unless {@link #afterReply} holds it.
	 */
	public boolean answerMovesState(IntroState state) {
		return !beforeTheAsk(state);
	}

	/**
	 * Nothing has been asked of the referrer yet: a reply now answers the value email.
	 */
	private static boolean beforeTheAsk(IntroState state) {
		return state == IntroState.PLANNED || state == IntroState.VALUE_SENT;
	}

	/**
	 * What a person's reply does to what comes next, once its state move (if any) is
	 * applied: whether the steps that ask something of the referrer hold until the owner
	 * acts. A reply that asks something always holds them. Before the ask (a reply to the
	 * value email) only a refusal holds as well: a thank-you or a yes lets the ask follow
	 * on schedule, and the owner has the reply in any case. After the ask, a reply
	 * Introflow cannot read with confidence holds too: it never guesses what the referrer
	 * meant.
	 * @param before the state the reply found
	 * @param now the state after its move
	 * @param reply what the reply says, as far as holds go
	 * @return true when the steps are now held
	 */
	public boolean afterReply(long introductionId, IntroState before, IntroState now, ReplyGist reply, String reason) {
		boolean hold = replyHolds(before, now, reply);
		if (hold) {
			holdForOwner(introductionId, reason);
		}
		return hold;
	}

	/**
	 * What a reply says, as far as holds go.
	 *
	 * @param asks it asks something (a question, or a yes with a question)
	 * @param unsure Introflow cannot read it with confidence ({@code NEEDS_REVIEW})
	 * @param refuses it says no (a decline, or "not the right person")
	 */
	public record ReplyGist(boolean asks, boolean unsure, boolean refuses) {
	}

	/** The rule of {@link #afterReply}, without the database. */
	static boolean replyHolds(IntroState before, IntroState now, ReplyGist reply) {
		if (!now.awaitsReferrer()) {
			return false;
		}
		if (reply.asks()) {
			return true;
		}
		return beforeTheAsk(before) ? reply.refuses() : reply.unsure();
	}

	/** Nothing goes before this day (an out-of-office reply's return date). */
	public Optional<Next> holdUntil(long introductionId, LocalDate day) {
		jdbc.sql("UPDATE introduction SET held_until = ? WHERE id = ? AND (held_until IS NULL OR held_until < ?)")
			.params(day, introductionId, day)
			.update();
		return reschedule(introductionId);
	}

	/**
	 * A hold on an introduction: for its owner (with the reason), or until a day (an
	 * out-of-office reply).
	 */
	public record Hold(String reason, LocalDate until) {

		public boolean isEmpty() {
			return reason == null && until == null;
		}

	}

	/** The introduction's hold, empty when nothing holds it. */
	public Hold holdOf(long introductionId) {
		return jdbc.sql("SELECT hold_reason, held_until FROM introduction WHERE id = ?")
			.param(introductionId)
			.query((rs, n) -> new Hold(rs.getString(1), rs.getObject(2, LocalDate.class)))
			.optional()
			.orElse(new Hold(null, null));
	}

	/**
	 * Lifts any hold (a person released it): the held steps are worked out again from the
	 * state.
	 */
	public Optional<Next> release(long introductionId) {
		jdbc.sql("UPDATE introduction SET hold_reason = NULL, held_until = NULL WHERE id = ?")
			.param(introductionId)
			.update();
		return reschedule(introductionId);
	}

	/**
	 * How many open introductions have their next steps held on a day, by why: for the
	 * owner (a reply asked something), until a return date (out of office), or by an
	 * account pause of the referrer (or their company). For {@code serve}'s metrics.
	 */
	public HeldSteps held(LocalDate day) {
		List<String> open = Arrays.stream(IntroState.values()).filter(IntroState::isOpen).map(Enum::name).toList();
		return jdbc.sql("""
				SELECT
				  COALESCE(SUM(CASE WHEN i.hold_reason IS NOT NULL THEN 1 ELSE 0 END), 0),
				  COALESCE(SUM(CASE WHEN i.hold_reason IS NULL AND i.held_until > :day THEN 1 ELSE 0 END), 0),
				  COALESCE(SUM(CASE WHEN i.hold_reason IS NULL AND (i.held_until IS NULL OR i.held_until <= :day)
				    AND i.next_step IS NOT NULL AND EXISTS (SELECT 1 FROM account_pause p
				      WHERE (p.contact_email = i.referrer_email OR p.company_key = LOWER(TRIM(c.company)))
				        AND p.starts_on <= :day AND (p.ends_on IS NULL OR p.ends_on > :day)
				        AND (p.lifted_on IS NULL OR p.lifted_on > :day)) THEN 1 ELSE 0 END), 0)
				FROM introduction i LEFT JOIN contact c ON c.email = i.referrer_email
				WHERE i.state IN (:open)""")
			.param("day", day)
			.param("open", open)
			.query((rs, n) -> new HeldSteps(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.single();
	}

	/** Open introductions whose steps are held, by why. */
	public record HeldSteps(int forOwner, int outOfOffice, int accountPaused) {
	}

	/**
	 * The template kind of a step key ({@code reminder-2} of a sequence whose reminder is
	 * a nudge: nudge).
	 */
	public String kindOf(String segment, String relationship, String stepKey) {
		return playbook.kindOf(segment, relationship, stepKey);
	}

	/**
	 * The thread a step's email continues, when its step {@code follows} another
	 * ({@link Playbook#threadOf}).
	 */
	public Optional<MailThread> threadOf(String segment, String relationship, String stepKey) {
		return playbook.threadOf(segment, relationship, stepKey);
	}

	/** The steps whose emails make one thread. */
	public record MailThread(Set<String> steps) {

		/** Whether the email of this step key ({@code nudge-2}) belongs to the thread. */
		public boolean includes(String stepKey) {
			return steps.contains(stepName(stepKey));
		}

	}

	Optional<Next> next(Position p, Map<String, Integer> sent) {
		return playbook.next(p, sent);
	}

	/** {@code nudge-2} is the second email of step {@code nudge}. */
	static String stepName(String stepKey) {
		return stepKey.replaceFirst("-[0-9]+$", "");
	}

	private Map<String, Integer> sentPerStep(long introductionId) {
		return Playbook.sentPerStep(jdbc.sql("SELECT step_key FROM outbound_email WHERE introduction_id = ?")
			.param(introductionId)
			.query(String.class)
			.list());
	}

	private Optional<Position> position(long id) {
		return jdbc
			.sql("""
					SELECT i.id, i.segment, c.relationship, c.country, i.state, i.created_on, i.state_since, i.last_email_on,
					  i.held_until, i.hold_reason
					FROM introduction i LEFT JOIN contact c ON c.email = i.referrer_email WHERE i.id = ?""")
			.param(id)
			.query((rs, n) -> new Position(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					IntroState.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class),
					rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
					rs.getObject(9, LocalDate.class), rs.getString(10)))
			.optional();
	}

}
