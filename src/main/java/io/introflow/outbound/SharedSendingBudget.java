package io.introflow.outbound;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sending budget of every worker on one PostgreSQL, kept in the database so that it
 * holds over all of them. The rate limit is a shared schedule of slots
 * ({@code send_rate}): each message takes the next free slot with one atomic update, on
 * the database's clock, and waits for it, so that messages are at least {@code 1 / rate}
 * apart over all workers. Each sender's daily cap counts reservations per sender and day
 * ({@code sender_daily_count}), starting from what was sent that day, with a conditional
 * update that never passes the cap.
 * <p>
 * A worker that is killed loses the slots and the reservations it had taken: the others
 * send a little less that day, never more.
 */
final class SharedSendingBudget implements SendingBudget {

	private final JdbcClient jdbc;

	private final int cap;

	private final double secondsPerMessage;

	private final LocalDate day;

	private final Map<String, Boolean> counted = new ConcurrentHashMap<>();

	SharedSendingBudget(JdbcClient jdbc, SendingProperties sending, LocalDate day) {
		this.jdbc = jdbc;
		this.cap = sending.perSenderDailyCap();
		this.secondsPerMessage = (sending.messagesPerSecond() > 0) ? 1 / sending.messagesPerSecond() : 0;
		this.day = day;
	}

	@Override
	public boolean reserveUnderCap(String sender) {
		if (cap <= 0) {
			return true;
		}
		// the day's row exists before any connection of this worker reserves on it: a
		// second connection asking for
		// the same sender waits here until the first has inserted it (it found no row and
		// held its email before)
		counted.computeIfAbsent(sender, first -> {
			jdbc.sql("""
					INSERT INTO sender_daily_count (sender, sent_on, reserved)
					SELECT ?, ?, COUNT(*) FROM outbound_email WHERE sender = ? AND state = 'SENT' AND sent_at >= ?
					ON CONFLICT (sender, sent_on) DO NOTHING""")
				.params(first, day, first, day.atStartOfDay().atOffset(ZoneOffset.UTC))
				.update();
			return Boolean.TRUE;
		});
		return jdbc
			.sql("UPDATE sender_daily_count SET reserved = reserved + 1 "
					+ "WHERE sender = ? AND sent_on = ? AND reserved < ?")
			.params(sender, day, cap)
			.update() == 1;
	}

	@Override
	public void unreserve(String sender) {
		if (cap > 0) {
			jdbc.sql("UPDATE sender_daily_count SET reserved = reserved - 1 "
					+ "WHERE sender = ? AND sent_on = ? AND reserved > 0")
				.params(sender, day)
				.update();
		}
	}

	@Override
	public boolean takeRateToken() {
		if (secondsPerMessage <= 0) {
			return true;
		}
		// the slot taken is [next_at - interval, next_at): wait for its start
		double untilEnd = jdbc.sql("""
				UPDATE send_rate SET next_at = GREATEST(next_at, clock_timestamp())
				  + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 second'
				WHERE id = 1 RETURNING CAST(EXTRACT(EPOCH FROM (next_at - clock_timestamp())) AS DOUBLE PRECISION)""")
			.param(secondsPerMessage)
			.query(Double.class)
			.single();
		long waitNanos = Math.round((untilEnd - secondsPerMessage) * 1e9);
		if (waitNanos > 0) {
			try {
				Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
