package io.introflow.outbound;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Claims rows for several SMTP connections in one transaction. Every claim is still
 * committed before its message is handed to the server, and delivered rows are marked
 * {@code SENT} with their connection's next claim; only the commits are shared, so the
 * database's commit rate no longer caps the sending rate.
 */
final class GroupCommit implements AutoCloseable {

	private static final int MAX_GROUP = 64;

	private record Request(List<Long> sentIds, List<Long> claimIds, CompletableFuture<Set<Long>> result) {
	}

	private final Outbox outbox;

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final Thread committer;

	private volatile boolean open = true;

	/** The worker claiming, on PostgreSQL; null on H2. */
	private final Long workerId;

	GroupCommit(Outbox outbox, Long workerId) {
		this.outbox = outbox;
		this.workerId = workerId;
		this.committer = new Thread(this::run, "outbox-commit");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/**
	 * Marks {@code sentIds} SENT and claims {@code claimIds}, together with whatever
	 * other connections asked for meanwhile.
	 * @return the rows claimed here (not those someone else had)
	 */
	Set<Long> markSentAndClaim(List<Long> sentIds, List<Long> claimIds) {
		if (sentIds.isEmpty() && claimIds.isEmpty()) {
			return Set.of();
		}
		CompletableFuture<Set<Long>> result = new CompletableFuture<>();
		requests.add(new Request(List.copyOf(sentIds), List.copyOf(claimIds), result));
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while claiming outbound rows " + claimIds, ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException r) ? r
					: new IllegalStateException("claiming outbound rows " + claimIds + " failed", ex.getCause());
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
		List<Long> sent = group.stream().flatMap(r -> r.sentIds().stream()).toList();
		List<Long> claims = group.stream().flatMap(r -> r.claimIds().stream()).toList();
		try {
			Set<Long> claimed = outbox.markSentAndClaimAll(sent, claims, workerId);
			for (Request r : group) {
				Set<Long> mine = new HashSet<>(r.claimIds());
				mine.retainAll(claimed);
				r.result().complete(mine);
			}
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
