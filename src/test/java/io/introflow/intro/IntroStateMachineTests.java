package io.introflow.intro;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pair of states, checked against the table in ARCHITECTURE.md written out here a
 * second time, independently of the implementation, so that a change to either shows up
 * as a failing pair.
 */
class IntroStateMachineTests {

	private static final Set<IntroState> ENDINGS = EnumSet.of(OPTED_OUT, BOUNCED, CANCELLED);

	private static final Map<IntroState, Set<IntroState>> EXPECTED = Map.ofEntries(
			Map.entry(PLANNED, with(ENDINGS, VALUE_SENT)), Map.entry(VALUE_SENT, with(ENDINGS, ASKED)),
			Map.entry(ASKED, with(ENDINGS, AGREED, INTRODUCED, DECLINED, NO_RESPONSE)),
			Map.entry(AGREED, with(ENDINGS, INTRODUCED, DECLINED, NO_RESPONSE)),
			Map.entry(INTRODUCED, with(ENDINGS, ENGAGED)), Map.entry(ENGAGED, with(ENDINGS, MEETING)),
			Map.entry(MEETING, with(ENDINGS, WON, LOST)), Map.entry(WON, EnumSet.noneOf(IntroState.class)),
			Map.entry(LOST, EnumSet.noneOf(IntroState.class)), Map.entry(DECLINED, EnumSet.noneOf(IntroState.class)),
			Map.entry(NO_RESPONSE, EnumSet.noneOf(IntroState.class)),
			Map.entry(OPTED_OUT, EnumSet.noneOf(IntroState.class)),
			Map.entry(BOUNCED, EnumSet.noneOf(IntroState.class)),
			Map.entry(CANCELLED, EnumSet.noneOf(IntroState.class)));

	private final IntroStateMachine machine = new IntroStateMachine();

	static Stream<Arguments> everyPairOfStates() {
		List<Arguments> pairs = new ArrayList<>();
		for (IntroState from : IntroState.values()) {
			for (IntroState to : IntroState.values()) {
				pairs.add(Arguments.of(from, to, EXPECTED.get(from).contains(to)));
			}
		}
		return pairs.stream();
	}

	@ParameterizedTest(name = "{0} -> {1} legal: {2}")
	@MethodSource("everyPairOfStates")
	void decidesEveryPairAsTheTableSays(IntroState from, IntroState to, boolean legal) {
		IntroStateMachine.Transition transition = machine.decide(from, to);

		assertThat(transition.legal()).isEqualTo(legal);
		assertThat(machine.allows(from, to)).isEqualTo(legal);
		assertThat(transition.from()).isEqualTo(from);
		assertThat(transition.to()).isEqualTo(to);
		if (legal) {
			assertThat(transition.rejection()).isNull();
		}
		else {
			assertThat(transition.rejection()).contains(from.name()).contains(to.name());
		}
	}

	@Test
	void coversAllFourteenStates() {
		assertThat(EXPECTED).hasSize(IntroState.values().length);
		assertThat(everyPairOfStates()).hasSize(14 * 14);
	}

	@Test
	void closedStatesNeverMoveAndSayWhy() {
		for (IntroState closed : EnumSet
			.complementOf(EnumSet.of(PLANNED, VALUE_SENT, ASKED, AGREED, INTRODUCED, ENGAGED, MEETING))) {
			assertThat(closed.isOpen()).as(closed.name()).isFalse();
			assertThat(machine.targetsOf(closed)).as(closed.name()).isEmpty();
			assertThat(machine.decide(closed, CANCELLED).rejection()).contains("is closed");
		}
	}

	@Test
	void noStateMovesToItself() {
		for (IntroState state : IntroState.values()) {
			assertThat(machine.allows(state, state)).as(state.name()).isFalse();
		}
	}

	@Test
	void targetsCannotBeChangedByCallers() {
		Set<IntroState> targets = machine.targetsOf(ASKED);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> targets.add(WON))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(machine.allows(ASKED, WON)).isFalse();
	}

	private static Set<IntroState> with(Set<IntroState> base, IntroState... more) {
		EnumSet<IntroState> all = EnumSet.copyOf(base);
		all.addAll(List.of(more));
		return all;
	}

}
