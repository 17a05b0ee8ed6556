package io.introflow.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * The budget of the one process that sends on H2, kept in memory: each sender's daily
 * cap, counted from what was sent today, and the rate limit over all connections (a token
 * bucket).
 */
final class LocalSendingBudget implements SendingBudget {

	private final SendingProperties sending;

	private final Map<String, AtomicInteger> sentToday = new ConcurrentHashMap<>();

	private final Bucket rate;

	LocalSendingBudget(SendingProperties sending, Map<String, Integer> sentTodayBySender) {
		this.sending = sending;
		sentTodayBySender.forEach((sender, n) -> sentToday.put(sender, new AtomicInteger(n)));
		this.rate = rateLimit(sending.messagesPerSecond());
	}

	@Override
	public boolean reserveUnderCap(String sender) {
		int cap = sending.perSenderDailyCap();
		AtomicInteger count = sentToday.computeIfAbsent(sender, s -> new AtomicInteger());
		if (count.incrementAndGet() > cap && cap > 0) {
			count.decrementAndGet();
			return false;
		}
		return true;
	}

	@Override
	public void unreserve(String sender) {
		sentToday.get(sender).decrementAndGet();
	}

	@Override
	public boolean takeRateToken() {
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
