package io.introflow.intro;

/**
 * The states of one introduction, from planning to outcome. See {@link IntroStateMachine}
 * for the legal moves.
 */
public enum IntroState {

	PLANNED, VALUE_SENT, ASKED, AGREED, INTRODUCED, ENGAGED, MEETING, WON, LOST, DECLINED, NO_RESPONSE, OPTED_OUT,
	BOUNCED, CANCELLED;

	/** Planned, or asked and not yet made: the referrer still has something to do. */
	public boolean awaitsReferrer() {
		return switch (this) {
			case PLANNED, VALUE_SENT, ASKED, AGREED -> true;
			default -> false;
		};
	}

	/**
	 * An open introduction still expects something to happen; a closed one never changes
	 * again.
	 */
	public boolean isOpen() {
		return switch (this) {
			case PLANNED, VALUE_SENT, ASKED, AGREED, INTRODUCED, ENGAGED, MEETING -> true;
			default -> false;
		};
	}

}
