package io.introflow.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.outbound.SendingProperties;

/**
 * The {@code serve_heartbeat} table: each running {@code introflow serve} says it is
 * alive once a minute, so that a night run can tell when the links its emails advertise
 * ({@code public-base-url}) have had no server.
 */
@Component
class ServeHeartbeats {

	/**
	 * How long without a heartbeat before a night warns: a server restarted or down
	 * briefly is no news.
	 */
	static final Duration UNSEEN_FOR = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final SendingProperties sending;

	private final Clock clock;

	ServeHeartbeats(JdbcClient jdbc, SendingProperties sending, Clock clock) {
		this.jdbc = jdbc;
		this.sending = sending;
		this.clock = clock;
	}

	/**
	 * Records that {@code instance} (host and process id), started at {@code startedAt},
	 * is alive now.
	 */
	void beat(String instance, Instant startedAt) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int updated = jdbc.sql("UPDATE serve_heartbeat SET seen_at = ? WHERE instance = ?")
			.params(now, instance)
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO serve_heartbeat (instance, started_at, seen_at) VALUES (?, ?, ?)")
				.params(instance, startedAt.atOffset(ZoneOffset.UTC), now)
				.update();
			// one row per process ever started: the ones gone for a month say nothing any
			// more
			jdbc.sql("DELETE FROM serve_heartbeat WHERE seen_at < ?").param(now.minusDays(30)).update();
		}
	}

	/**
	 * When a {@code serve} was last seen alive; empty when none ever ran on this database
	 * (or for a month).
	 */
	Optional<Instant> lastSeen() {
		return jdbc.sql("SELECT seen_at FROM serve_heartbeat ORDER BY seen_at DESC FETCH FIRST 1 ROWS ONLY")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/**
	 * The warning for the nightly report when the emails carry one-click unsubscribe
	 * links and introduction pages ({@code public-base-url} is set) but no {@code serve}
	 * has answered them for a day; empty otherwise.
	 */
	Optional<String> warning() {
		if (sending.publicBaseUrl() == null) {
			return Optional.empty();
		}
		Optional<Instant> seen = lastSeen();
		Instant now = clock.instant();
		if (seen.isPresent() && seen.get().isAfter(now.minus(UNSEEN_FOR))) {
			return Optional.empty();
		}
		return Optional.of("introflow.sending.public-base-url is " + sending.publicBaseUrl() + ", but "
				+ seen.map(s -> "no introflow serve has been seen since " + s.truncatedTo(ChronoUnit.MINUTES))
					.orElse("introflow serve has never run on this database")
				+ ": the one-click unsubscribe links and the introduction pages in the emails have no server; "
				+ "run introflow serve behind " + sending.publicBaseUrl() + " (docs/operators.md)");
	}

}
