package io.introflow.report;

import java.util.List;

/**
 * The funnel as data, for the text report and for {@code --json}: introductions per state
 * (zeros included, in state-machine order), asks and introductions per A/B variant, and
 * emails per step and delivery state. States and delivery states are stable lower-case
 * keys ({@code value_sent}, {@code sent}).
 */
public record FunnelCounts(List<State> states, List<Variant> variants, List<Emails> emails) {

	/**
	 * @param state an introduction state as a lower-case key
	 */
	public record State(String state, int introductions) {
	}

	/**
	 * @param asked introductions of this variant whose ask email was actually sent
	 * @param introduced of those, the ones introduced or further
	 */
	public record Variant(String variant, long asked, long introduced) {
	}

	/**
	 * @param delivery the outbound state as a lower-case key: queued, sending, sent,
	 * failed
	 */
	public record Emails(String step, String delivery, int count) {
	}

}
