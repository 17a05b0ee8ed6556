package io.introflow.outbound;

import java.util.Collection;

/**
 * What the relay did with the rows it claimed, written as it happens: {@code claimed},
 * handed to the server ({@code attempting}), accepted by it ({@code delivered}),
 * {@code released} (the row left {@code SENDING} in the database). It costs less than a
 * database commit per step, which lets the relay claim rows ahead and mark them
 * {@code SENT} in batches while a crash still leaves at most one row per connection in
 * doubt: after a crash, a row still {@code SENDING} is decided by the last word about it
 * (delivered: {@code SENT}; only claimed: queued again; handed over: in doubt). On H2 it
 * is a file ({@link FileSendJournal}); on PostgreSQL each worker's journal is in the
 * database ({@link DatabaseSendJournal}), so that another worker can settle the rows of
 * one that stopped.
 */
interface SendJournal extends AutoCloseable {

	/** What the journal says of a row. */
	enum Fate {

		CLAIMED, ATTEMPTED, DELIVERED, RELEASED

	}

	/**
	 * These rows are about to be claimed: written before the claim commits, so that no
	 * committed claim lacks its line. Some may not be claimed in the end (another
	 * worker's); their line decides nothing, as they are not {@code SENDING} for this
	 * journal.
	 */
	void claimed(Collection<Long> ids);

	/**
	 * The row is about to be handed to the server: once this returns, a crash leaves it
	 * in doubt.
	 */
	void attempting(long id);

	void delivered(long id);

	/**
	 * Whether {@link Claims} may hold a row's {@code delivered} back and write it with
	 * the connection's next {@code attempting} ({@link #deliveredThenAttempting}), in one
	 * write. A crash in between leaves that row in doubt rather than sent, and no other
	 * row: still at most one per connection.
	 */
	default boolean mergesDelivered() {
		return false;
	}

	/**
	 * {@code delivered(before)}, then {@code attempting(id)}: once this returns both are
	 * written.
	 */
	default void deliveredThenAttempting(long before, long id) {
		delivered(before);
		attempting(id);
	}

	void released(long id);

	@Override
	void close();

}
