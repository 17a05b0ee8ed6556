package io.introflow.intro;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.introflow.intro.IntroState.AGREED;
import static io.introflow.intro.IntroState.ASKED;
import static io.introflow.intro.IntroState.BOUNCED;
import static io.introflow.intro.IntroState.CANCELLED;
import static io.introflow.intro.IntroState.DECLINED;
import static io.introflow.intro.IntroState.ENGAGED;
import static io.introflow.intro.IntroState.INTRODUCED;
import static io.introflow.intro.IntroState.LOST;
import static io.introflow.intro.IntroState.MEETING;
import static io.introflow.intro.IntroState.NO_RESPONSE;
import static io.introflow.intro.IntroState.OPTED_OUT;
import static io.introflow.intro.IntroState.PLANNED;
import static io.introflow.intro.IntroState.VALUE_SENT;
import static io.introflow.intro.IntroState.WON;

/**
 * The complete transition table of an introduction, as plain Java so that every rule is
 * testable without Spring. <pre>
 * PLANNED -&gt; VALUE_SENT -&gt; ASKED -&gt; AGREED -&gt; INTRODUCED -&gt; ENGAGED -&gt; MEETING -&gt; WON | LOST
 *                        ASKED ----------------&gt; INTRODUCED
 * ASKED | AGREED -&gt; DECLINED | NO_RESPONSE (the sequence gave up)
 * any open state -&gt; OPTED_OUT | BOUNCED | CANCELLED
 * </pre>
 */
public final class IntroStateMachine {

	private static final Set<IntroState> ANY_OPEN_STATE_MAY_END_IN = EnumSet.of(OPTED_OUT, BOUNCED, CANCELLED);

	private final Map<IntroState, Set<IntroState>> table = new EnumMap<>(IntroState.class);

	public IntroStateMachine() {
		allow(PLANNED, VALUE_SENT);
		allow(VALUE_SENT, ASKED);
		allow(ASKED, AGREED, INTRODUCED, DECLINED, NO_RESPONSE);
		allow(AGREED, INTRODUCED, DECLINED, NO_RESPONSE);
		allow(INTRODUCED, ENGAGED);
		allow(ENGAGED, MEETING);
		allow(MEETING, WON, LOST);
		for (IntroState state : IntroState.values()) {
			if (state.isOpen()) {
				table.computeIfAbsent(state, s -> EnumSet.noneOf(IntroState.class)).addAll(ANY_OPEN_STATE_MAY_END_IN);
			}
		}
	}

	private void allow(IntroState from, IntroState... targets) {
		table.computeIfAbsent(from, s -> EnumSet.noneOf(IntroState.class)).addAll(Set.of(targets));
	}

	public boolean allows(IntroState from, IntroState to) {
		return targetsOf(from).contains(to);
	}

	public Set<IntroState> targetsOf(IntroState from) {
		return Collections.unmodifiableSet(table.getOrDefault(from, EnumSet.noneOf(IntroState.class)));
	}

	/**
	 * Decides a move. An illegal move is returned as a rejected {@link Transition}, never
	 * thrown, so callers can record it as an event and go on.
	 */
	public Transition decide(IntroState from, IntroState to) {
		if (allows(from, to)) {
			return new Transition(from, to, true, null);
		}
		String reason = from.isOpen() ? "no transition from " + from + " to " + to
				: from + " is closed; it does not move to " + to;
		return new Transition(from, to, false, reason);
	}

	/** The outcome of {@link #decide}: applied, or rejected with the reason. */
	public record Transition(IntroState from, IntroState to, boolean legal, String rejection) {
	}

}
