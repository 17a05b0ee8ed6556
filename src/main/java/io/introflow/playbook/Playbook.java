package io.introflow.playbook;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.introflow.intro.IntroState;
import io.introflow.intro.IntroStateMachine;
import io.introflow.playbook.Sequences.MailThread;
import io.introflow.playbook.Sequences.Next;

/**
 * What happens to an introduction whose step is due: a pure function of the introduction,
 * its history (the emails already queued), its holds, its referrer's standing and the
 * settings. No database: {@code intro} loads the facts for a whole chunk and records what
 * was decided.
 */
@Component
public class Playbook {

	private final SequenceProperties properties;

	private final BusinessCalendar calendar;

	private final IntroStateMachine machine = new IntroStateMachine();

	public Playbook(SequenceProperties properties, BusinessCalendar calendar) {
		this.properties = properties;
		this.calendar = calendar;
	}

	/**
	 * What composing knows about one due introduction.
	 *
	 * @param relationship the referrer's relationship, null when the referrer is unknown
	 * @param referrerGone the referrer is unknown or suppressed
	 * @param pause the pause that keeps automated email from the referrer today, if any
	 * @param stepKeys the step keys of every email already in the outbox for the
	 * introduction
	 * @param heldCauses the causes of the {@code HELD} events already in its history
	 */
	public record Due(long id, String step, IntroState state, String segment, String relationship, String country,
			LocalDate createdOn, LocalDate stateSince, LocalDate lastEmailOn, LocalDate heldUntil, String holdReason,
			boolean referrerGone, Optional<AccountPauses.Pause> pause, List<String> stepKeys, Set<String> heldCauses) {
	}

	/** What is done with a due step. */
	public enum Outcome {

		/** The referrer is unknown or suppressed: no email, the introduction opts out. */
		GONE,
		/** The sequence gave up: no email, the introduction ends with no response. */
		ENDED,
		/** The referrer's account is paused: the step waits. */
		HELD,
		/**
		 * The step's email is in the outbox already (a chunk done again): only the next
		 * step is worked out.
		 */
		ALREADY_QUEUED,
		/** The step's email is to be rendered and queued. */
		QUEUE

	}

	/**
	 * A move of state the step makes.
	 *
	 * @param rejection why the state machine refuses it, null when legal
	 * @param cause the cause to record; null for the queued email's outbox row
	 */
	public record Move(IntroState from, IntroState to, String rejection, String cause, String detail) {

		public boolean legal() {
			return rejection == null;
		}

	}

	/**
	 * The decision for one due step.
	 *
	 * @param kind the template kind of the email to queue (QUEUE only)
	 * @param thread the thread the email continues, if it follows another step (QUEUE
	 * only)
	 * @param move the state move, if any
	 * @param next the step after this one; null when the sequence has nothing more
	 * @param heldEvent the cause of a {@code HELD} event to record (HELD, once per
	 * pause), else null
	 * @param asked the email asks the referrer: their cool-down starts today
	 */
	public record Decision(Outcome outcome, String kind, Optional<MailThread> thread, Move move, Next next,
			String heldEvent, String heldDetail, boolean asked) {

		/** The state after the step. */
		public IntroState stateAfter(IntroState before) {
			return (move != null && move.legal()) ? move.to() : before;
		}

	}

	/**
	 * Decides one due step, in the order composing has always followed: referrer,
	 * give-up, pause, outbox.
	 */
	public Decision decide(Due due, LocalDate day) {
		String step = due.step();
		Sequences.Position position = position(due, due.state(), due.stateSince(), due.lastEmailOn(), due.holdReason());
		Map<String, Integer> sent = sentPerStep(due.stepKeys());
		if (due.referrerGone()) {
			Move move = due.state().isOpen()
					? move(due.state(), IntroState.OPTED_OUT, "suppression", "referrer is suppressed or unknown")
					: null;
			Next next = (move != null && move.legal()) ? next(moved(position, move, day), sent).orElse(null) : null;
			return new Decision(Outcome.GONE, null, Optional.empty(), move, next, null, null, false);
		}
		if (step.equals(Sequences.NO_RESPONSE)) {
			Move move = move(due.state(), IntroState.NO_RESPONSE, "sequence",
					"no answer; the sequence gave up after its last email");
			return new Decision(Outcome.ENDED, null, Optional.empty(), move,
					next(move.legal() ? moved(position, move, day) : position, sent).orElse(null), null, null, false);
		}
		if (due.pause().isPresent()) {
			AccountPauses.Pause pause = due.pause().get();
			LocalDate until = calendar.onOrAfter(due.country(),
					(pause.endsOn() != null) ? pause.endsOn() : day.plusDays(1));
			String cause = "pause:" + pause.id();
			boolean first = !due.heldCauses().contains(cause);
			return new Decision(Outcome.HELD, null, Optional.empty(), null, new Next(step, null, until),
					first ? cause : null, first ? step + " held: account paused (" + pause.describe() + ")" : null,
					false);
		}
		if (due.stepKeys().contains(step)) {
			return new Decision(Outcome.ALREADY_QUEUED, null, Optional.empty(), null, next(position, sent).orElse(null),
					null, null, false);
		}
		String kind = kindOf(due.segment(), due.relationship(), step);
		Move move = switch (kind) {
			case "value" -> move(due.state(), IntroState.VALUE_SENT, null, null);
			case "ask" -> move(due.state(), IntroState.ASKED, null, null);
			// nudges, thanks and the close of the loop change no state
			default -> null;
		};
		Sequences.Position after = (move != null && move.legal()) ? moved(position, move, day) : position;
		after = new Sequences.Position(after.id(), after.segment(), after.relationship(), after.country(),
				after.state(), after.createdOn(), after.stateSince(), day, after.heldUntil(), after.holdReason());
		Map<String, Integer> sentAfter = new HashMap<>(sent);
		sentAfter.merge(Sequences.stepName(step), 1, Integer::sum);
		return new Decision(Outcome.QUEUE, kind, threadOf(due.segment(), due.relationship(), step), move,
				next(after, sentAfter).orElse(null), null, null, kind.equals("ask"));
	}

	/**
	 * The first step of an introduction planned on the day for a referrer of this
	 * relationship and country.
	 */
	public Optional<Next> firstStep(String segment, String relationship, String country, LocalDate day) {
		return next(new Sequences.Position(0, segment, relationship, country, IntroState.PLANNED, day, day, null, null,
				null), Map.of());
	}

	private Move move(IntroState from, IntroState to, String cause, String detail) {
		IntroStateMachine.Transition t = machine.decide(from, to);
		return new Move(from, to, t.legal() ? null : t.rejection(), cause, detail);
	}

	/** A legal move lifts a hold for the owner and starts the new state today. */
	private static Sequences.Position moved(Sequences.Position p, Move move, LocalDate day) {
		return new Sequences.Position(p.id(), p.segment(), p.relationship(), p.country(), move.to(), p.createdOn(), day,
				p.lastEmailOn(), p.heldUntil(), null);
	}

	private static Sequences.Position position(Due due, IntroState state, LocalDate stateSince, LocalDate lastEmailOn,
			String holdReason) {
		return new Sequences.Position(due.id(), due.segment(), due.relationship(), due.country(), state,
				due.createdOn(), stateSince, lastEmailOn, due.heldUntil(), holdReason);
	}

	static Map<String, Integer> sentPerStep(List<String> stepKeys) {
		Map<String, Integer> sent = new HashMap<>();
		stepKeys.forEach(key -> sent.merge(Sequences.stepName(key), 1, Integer::sum));
		return sent;
	}

	/** The next step of a position, given the emails already queued per step name. */
	Optional<Next> next(Sequences.Position p, Map<String, Integer> sent) {
		SequenceProperties.Sequence sequence = properties.sequenceFor(p.segment(), p.relationship());
		LocalDate anchor = p.anchor();
		for (SequenceProperties.Step step : sequence.steps()) {
			int already = sent.getOrDefault(step.name(), 0);
			if (!step.when().contains(p.state()) || already >= step.max() || (step.asks() && p.holdReason() != null)) {
				continue;
			}
			String key = (already == 0) ? step.name() : step.name() + "-" + (already + 1);
			return Optional.of(new Next(key, step.kind(), due(p, anchor, step.after())));
		}
		boolean waiting = p.state() == IntroState.ASKED || p.state() == IntroState.AGREED;
		if (waiting && p.holdReason() == null && sequence.giveUpAfter() > 0) {
			return Optional
				.of(new Next(Sequences.NO_RESPONSE, Sequences.NO_RESPONSE, due(p, anchor, sequence.giveUpAfter())));
		}
		return Optional.empty();
	}

	private LocalDate due(Sequences.Position p, LocalDate anchor, int after) {
		LocalDate due = calendar.plusBusinessDays(p.country(), anchor, after);
		if (p.heldUntil() != null && p.heldUntil().isAfter(due)) {
			due = calendar.onOrAfter(p.country(), p.heldUntil());
		}
		return due;
	}

	/**
	 * The template kind of a step key ({@code reminder-2} of a sequence whose reminder is
	 * a nudge: nudge).
	 */
	public String kindOf(String segment, String relationship, String stepKey) {
		String name = Sequences.stepName(stepKey);
		return properties.sequenceFor(segment, relationship)
			.steps()
			.stream()
			.filter(s -> s.name().equals(name))
			.map(SequenceProperties.Step::kind)
			.findFirst()
			.orElse(name);
	}

	/**
	 * The thread a step's email continues, when its step {@code follows} another: the
	 * step at the thread's start and every step that follows it, directly or through
	 * another (so a reminder that follows the ask also follows the nudges that did).
	 * Empty when the step starts a thread of its own.
	 */
	public Optional<MailThread> threadOf(String segment, String relationship, String stepKey) {
		SequenceProperties.Sequence sequence = properties.sequenceFor(segment, relationship);
		Optional<SequenceProperties.Step> step = sequence.step(Sequences.stepName(stepKey));
		if (step.isEmpty() || step.get().follows() == null) {
			return Optional.empty();
		}
		String start = start(sequence, step.get());
		Set<String> steps = new HashSet<>();
		for (SequenceProperties.Step s : sequence.steps()) {
			if (start(sequence, s).equals(start)) {
				steps.add(s.name());
			}
		}
		return Optional.of(new MailThread(Set.copyOf(steps)));
	}

	/**
	 * The step whose email starts the thread of the given step (validation makes every
	 * chain end above it).
	 */
	private static String start(SequenceProperties.Sequence sequence, SequenceProperties.Step step) {
		SequenceProperties.Step s = step;
		while (s.follows() != null) {
			s = sequence.step(s.follows()).orElseThrow();
		}
		return s.name();
	}

}
