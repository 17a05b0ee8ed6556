package io.introflow.outbound;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The claim-and-journal bookkeeping of one connection. Rows are claimed ({@code SENDING})
 * in a committed group commit before any is handed to the server; the delivered ones are
 * marked {@code SENT} with the connection's next claim; in between, the
 * {@link SendJournal} says what became of each. Every way a claimed row can leave this
 * connection is a method here, so the database and the journal never disagree.
 */
final class Claims {

	private final Outbox outbox;

	private final GroupCommit commits;

	private final SendJournal journal;

	private final List<Long> delivered = new ArrayList<>();

	/**
	 * A row delivered whose journal line waits for the next hand-over (see
	 * {@link SendJournal#mergesDelivered}).
	 */
	private Long deliveredUnwritten;

	Claims(Outbox outbox, GroupCommit commits, SendJournal journal) {
		this.outbox = outbox;
		this.commits = commits;
		this.journal = journal;
	}

	/**
	 * Marks the rows delivered since the last claim {@code SENT} and claims these;
	 * returns those claimed here.
	 */
	Set<Long> claim(List<Long> ids) {
		// the claim's line goes before its commit: a kill between a commit and a line
		// written after it left every row of the group in doubt (seen: 35 at once). A
		// line about a row the commit does not claim decides nothing: after a crash
		// only rows still SENDING are read from the journal, and each connection claims
		// rows no other connection of the run holds.
		journal.claimed(ids);
		Set<Long> claimed = commits.markSentAndClaim(delivered, ids);
		delivered.clear();
		// marked SENT in that commit: its journal line is no longer needed
		deliveredUnwritten = null;
		return claimed;
	}

	/**
	 * The row is about to be handed to the server: from here a crash leaves it in doubt.
	 */
	void handingOver(long id) {
		if (deliveredUnwritten != null) {
			journal.deliveredThenAttempting(deliveredUnwritten, id);
			deliveredUnwritten = null;
		}
		else {
			journal.attempting(id);
		}
	}

	void delivered(long id) {
		if (journal.mergesDelivered()) {
			deliveredUnwritten = id;
		}
		else {
			journal.delivered(id);
		}
		delivered.add(id);
	}

	/** Never handed over: queued again, the attempt not counted. */
	void release(long id) {
		outbox.release(id);
		journal.released(id);
	}

	/**
	 * Never handed over because the relay did not answer: queued again for later, the
	 * attempt not counted.
	 */
	void postpone(long id, String reason, OffsetDateTime notBefore) {
		outbox.postpone(id, reason, notBefore);
		journal.released(id);
	}

	/**
	 * Refused for now (4xx, or failed before the final {@code .}): queued again after its
	 * backoff.
	 */
	void retry(long id, String reason, OffsetDateTime notBefore) {
		outbox.requeue(id, reason, notBefore);
		journal.released(id);
	}

	void fail(long id, String reason) {
		outbox.markFailed(id, reason);
		journal.released(id);
	}

	/**
	 * No answer after the final {@code .}: stays {@code SENDING}; the journal keeps its
	 * hand-over as the last word.
	 */
	void inDoubt(long id, String reason) {
		outbox.markInDoubt(id, reason);
	}

	/** Marks what was delivered since the last claim {@code SENT}. */
	void flush() {
		commits.markSentAndClaim(delivered, List.of());
		delivered.clear();
		deliveredUnwritten = null;
	}

}
