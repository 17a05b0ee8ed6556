package io.introflow.outbound;

/**
 * What a run may still send: each sender's daily cap and the rate limit. On H2 one
 * process sends and keeps them in memory ({@link LocalSendingBudget}); on PostgreSQL they
 * hold over every worker, in the database ({@link SharedSendingBudget}).
 */
interface SendingBudget {

	/**
	 * Counts a message against its sender's daily cap; false (and nothing counted) when
	 * the cap is reached.
	 */
	boolean reserveUnderCap(String sender);

	/**
	 * Gives back a reservation: the message was not sent, and certainly not delivered.
	 */
	void unreserve(String sender);

	/** Waits for the rate limit; false when interrupted. */
	boolean takeRateToken();

}
