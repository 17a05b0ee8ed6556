package io.introflow.outbound;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops a run from trying a relay that does not answer: after {@code threshold}
 * connection failures in a row, over all the connections, it opens and stays open for the
 * rest of the run. Any connection that gets a greeting closes the count again. What was
 * not sent stays queued for the next run.
 */
final class CircuitBreaker {

	private final int threshold;

	private final AtomicInteger failuresInARow = new AtomicInteger();

	private volatile String openedBecause;

	CircuitBreaker(int threshold) {
		this.threshold = threshold;
	}

	/**
	 * @return the failures in a row so far, this one included
	 */
	int failed(String reason) {
		int n = failuresInARow.incrementAndGet();
		if (n >= threshold && openedBecause == null) {
			openedBecause = reason + " (" + n + " connection attempts in a row failed)";
		}
		return n;
	}

	void succeeded() {
		failuresInARow.set(0);
	}

	boolean isOpen() {
		return openedBecause != null;
	}

	/** Why the breaker opened, or null while it is closed. */
	String reason() {
		return openedBecause;
	}

}
