package io.introflow.correction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.ContactRepository;
import io.introflow.inbound.Classification;
import io.introflow.inbound.InboundStore;
import io.introflow.inbound.ReplyProcessor;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.playbook.Sequences;

/**
 * How a person corrects Introflow: set an introduction's state, release a hold, or say
 * what a reply really meant. The one service behind {@code introflow intro set|release}
 * and {@code introflow replies reclassify} (and later the console). Each correction is an
 * event naming who made it; the next step is worked out again at once, so the next night
 * follows the correction. A correction never lifts a suppression: an address that
 * unsubscribed or bounced gets nothing, whatever the state.
 */
@Component
public class Corrections {

	/**
	 * The classes a person may give a reply; a bounce, a complaint report or an
	 * unreadable message is the mail system's, not theirs.
	 */
	public static final Set<Classification.Kind> RECLASSIFIABLE = Collections.unmodifiableSet(EnumSet.complementOf(
			EnumSet.of(Classification.Kind.BOUNCE, Classification.Kind.COMPLAINT, Classification.Kind.UNREADABLE)));

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final Sequences sequences;

	private final ContactRepository contacts;

	private final InboundStore inbound;

	private final ReplyProcessor replies;

	private final Tx tx;

	Corrections(IntroductionRepository introductions, IntroEvents events, Sequences sequences,
			ContactRepository contacts, InboundStore inbound, ReplyProcessor replies, Tx tx) {
		this.introductions = introductions;
		this.events = events;
		this.sequences = sequences;
		this.contacts = contacts;
		this.inbound = inbound;
		this.replies = replies;
		this.tx = tx;
	}

	/**
	 * An introduction after a correction: its state before and after, its next step (null
	 * when nothing more is sent) and what still keeps email from going (a suppression, a
	 * hold).
	 */
	public record Corrected(String token, IntroState from, IntroState to, String nextStep, LocalDate nextStepDue,
			List<String> remarks) {
	}

	/**
	 * A reply after a person reclassified it; {@code intro} is empty when it matches no
	 * introduction.
	 */
	public record Reclassified(long inboundId, String from, Classification.Kind to, Optional<Corrected> intro) {
	}

	/**
	 * Sets an introduction's state, whatever the transition table says, recorded as
	 * {@code CORRECTED} with the note. A hold for the owner is lifted (a person has
	 * acted); a suppression is not.
	 */
	public Corrected setState(String token, IntroState state, String note, String by, LocalDate day) {
		return tx.inNew(() -> {
			Introduction intro = introduction(token);
			if (!events.correct(intro, state, day, by, note)) {
				throw new CorrectionRefusedException(
						"introduction " + token + " changed while it was being " + "corrected; run the command again");
			}
			return corrected(intro);
		});
	}

	/**
	 * Lifts an introduction's hold (for the owner, or until a day): the held step is due
	 * again from its state.
	 */
	public Corrected release(String token, String by, LocalDate day) {
		return tx.inNew(() -> {
			Introduction intro = introduction(token);
			Sequences.Hold hold = sequences.holdOf(intro.id());
			if (hold.isEmpty()) {
				throw new CorrectionRefusedException("introduction " + token + " is not held; nothing to release");
			}
			sequences.release(intro.id());
			events.record(intro.id(), day, "RELEASED", "correction:" + by,
					"hold lifted: " + (hold.reason() != null ? hold.reason() : "held until " + hold.until()));
			return corrected(intro);
		});
	}

	/**
	 * Gives a stored reply the class a person says it has: the new class is stored (the
	 * old one stays in the evidence and the {@code RECLASSIFIED} event), what the old
	 * class did to the state is undone, and the new class's effects are applied by the
	 * same rules as a class read from the message.
	 */
	public Reclassified reclassify(long inboundId, Classification.Kind kind, String note, String by, LocalDate day) {
		if (!RECLASSIFIABLE.contains(kind)) {
			throw new CorrectionRefusedException(
					"a reply cannot be reclassified as " + kind + "; use one of " + RECLASSIFIABLE);
		}
		return tx.inNew(() -> {
			InboundStore.Stored message = inbound.find(inboundId)
				.orElseThrow(() -> new CorrectionRefusedException("no inbound message with id " + inboundId));
			if (!message.processed()) {
				throw new CorrectionRefusedException(
						"inbound message " + inboundId + " has not been read yet; " + "run introflow replies first");
			}
			String old = message.classification();
			if (kind.name().equals(old)) {
				throw new CorrectionRefusedException("inbound message " + inboundId + " is already read as " + kind);
			}
			String why = "reclassified from " + old + " to " + kind + " by " + by + (note != null ? ": " + note : "");
			Optional<Introduction> before = Optional.ofNullable(message.introductionId())
				.flatMap(introductions::findById);
			before.ifPresent(intro -> undo(intro, inboundId, by, old, day));
			Optional<Introduction> matched = replies.reapply(inboundId, kind, day, reclassifiedCause(inboundId));
			inbound.reclassified(inboundId, kind.name(), why);
			Optional<Introduction> intro = matched.or(() -> before);
			intro.ifPresent(i -> events.record(i.id(), day, "RECLASSIFIED", "correction:" + by,
					"inbound " + inboundId + " " + why));
			return new Reclassified(inboundId, old, kind,
					intro.map(i -> corrected(before.filter(b -> b.id() == i.id()).orElse(i))));
		});
	}

	private Introduction introduction(String token) {
		return introductions.findByToken(token)
			.orElseThrow(() -> new CorrectionRefusedException("no introduction with token '" + token + "'"));
	}

	/**
	 * Takes back what the message's earlier class did: the state moves it caused (when
	 * nothing moved the introduction since) and the hold for the owner it placed.
	 */
	private void undo(Introduction intro, long inboundId, String by, String old, LocalDate day) {
		List<String> causes = List.of("inbound:" + inboundId, reclassifiedCause(inboundId));
		List<IntroEvents.Event> moves = events.history(intro.id())
			.stream()
			.filter(e -> "TRANSITION".equals(e.type()) && causes.contains(e.cause()))
			.toList();
		if (!moves.isEmpty() && intro.state().name().equals(moves.get(moves.size() - 1).toState())) {
			// a class may move twice (a prospect's answer: introduced, then engaged):
			// back to before the first
			int first = moves.size() - 1;
			while (first > 0 && moves.get(first - 1).toState().equals(moves.get(first).fromState())) {
				first--;
			}
			IntroState back = IntroState.valueOf(moves.get(first).fromState());
			events.correct(intro, back, day, by, "undo what inbound " + inboundId + " did when read as " + old);
		}
		else if (ownersHoldFrom(intro.id(), inboundId)) {
			// the hold a question placed; a state move above lifts it too
			sequences.holdForOwner(intro.id(), null);
		}
	}

	private boolean ownersHoldFrom(long introductionId, long inboundId) {
		String reason = sequences.holdOf(introductionId).reason();
		return reason != null && reason.startsWith("reply inbound:" + inboundId + " ");
	}

	private static String reclassifiedCause(long inboundId) {
		return "reclassified:inbound:" + inboundId;
	}

	private Corrected corrected(Introduction before) {
		Introduction after = introductions.findById(before.id()).orElseThrow();
		List<String> remarks = new ArrayList<>();
		for (String address : Arrays.asList(after.referrerEmail(), after.prospectEmail())) {
			if (address != null && contacts.isSuppressed(address)) {
				remarks.add(address + " stays suppressed: nothing is sent to it, whatever the state");
			}
		}
		Sequences.Hold hold = sequences.holdOf(after.id());
		if (hold.reason() != null) {
			remarks.add("still held for the owner (" + hold.reason() + "); introflow intro release " + after.token()
					+ " lifts it");
		}
		if (hold.until() != null && after.nextStepDue() != null && !hold.until().isBefore(after.nextStepDue())) {
			remarks.add("held until " + hold.until() + " (out of office)");
		}
		return new Corrected(after.token(), before.state(), after.state(), after.nextStep(), after.nextStepDue(),
				List.copyOf(remarks));
	}

}
