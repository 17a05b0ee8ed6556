package io.introflow.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Claims rows for several SMTP connections in one transaction. Every claim is still committed before its message is
 * handed to the server, and a delivered row is still marked {@code SENT} with its connection's next claim; only the
 * commits are shared, so the database's commit rate no longer caps the sending rate.
 */
final class GroupCommit implements AutoCloseable {

	private static final int MAX_GROUP = 64;

	private record Request(long sentId, long claimId, CompletableFuture<Boolean> result) {
	}

	private final Outbox outbox;

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final Thread committer;

	private volatile boolean open = true;

	GroupCommit(Outbox outbox) {
		this.outbox = outbox;
		this.committer = new Thread(this::run, "outbox-commit");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/**
	 * Marks {@code sentId} SENT (when positive) and claims {@code claimId} (when positive), together with whatever
	 * other connections asked for meanwhile.
	 *
	 * @return whether the row was claimed here (false when someone else had it, or no claim was asked)
	 */
	boolean markSentAndClaim(long sentId, long claimId) {
		CompletableFuture<Boolean> result = new CompletableFuture<>();
		requests.add(new Request(sentId, claimId, result));
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while claiming outbound " + claimId, ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException r) ? r
					: new IllegalStateException("claiming outbound " + claimId + " failed", ex.getCause());
		}
	}

	private void run() {
		List<Request> group = new ArrayList<>();
		while (open || !requests.isEmpty()) {
			try {
				Request first = requests.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.clear();
				group.add(first);
				requests.drainTo(group, MAX_GROUP - 1);
				commit(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void commit(List<Request> group) {
		List<Long> sent = group.stream().map(Request::sentId).filter(id -> id > 0).toList();
		List<Long> claims = group.stream().map(Request::claimId).filter(id -> id > 0).toList();
		try {
			Set<Long> claimed = outbox.markSentAndClaimAll(sent, claims);
			group.forEach(r -> r.result().complete(claimed.contains(r.claimId())));
		}
		catch (RuntimeException ex) {
			group.forEach(r -> r.result().completeExceptionally(ex));
		}
	}

	@Override
	public void close() {
		open = false;
		try {
			committer.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
