package io.introflow.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * What a run may still send: each sender's daily cap, counted from what was sent today, and the rate limit over all
 * connections (a token bucket).
 */
final class SendingBudget {

	private final SendingProperties sending;

	private final Map<String, AtomicInteger> sentToday = new ConcurrentHashMap<>();

	private final Bucket rate;

	SendingBudget(SendingProperties sending, Map<String, Integer> sentTodayBySender) {
		this.sending = sending;
		sentTodayBySender.forEach((sender, n) -> sentToday.put(sender, new AtomicInteger(n)));
		this.rate = rateLimit(sending.messagesPerSecond());
	}

	/** Counts a message against its sender's daily cap; false (and nothing counted) when the cap is reached. */
	boolean reserveUnderCap(String sender) {
		int cap = sending.perSenderDailyCap();
		AtomicInteger count = sentToday.computeIfAbsent(sender, s -> new AtomicInteger());
		if (count.incrementAndGet() > cap && cap > 0) {
			count.decrementAndGet();
			return false;
		}
		return true;
	}

	/** Gives back a reservation: the message was not sent, and certainly not delivered. */
	void unreserve(String sender) {
		sentToday.get(sender).decrementAndGet();
	}

	/** Waits for the rate limit; false when interrupted. */
	boolean takeRateToken() {
		if (rate != null) {
			try {
				rate.asBlocking().consume(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private static Bucket rateLimit(double perSecond) {
		if (perSecond <= 0) {
			return null;
		}
		long capacity = Math.max(1, (long) Math.ceil(perSecond));
		Duration period = Duration.ofNanos(Math.max(1, Math.round(1e9 * capacity / perSecond)));
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).initialTokens(1).build())
			.build();
	}

}
