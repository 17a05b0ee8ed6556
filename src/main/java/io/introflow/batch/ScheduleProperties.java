package io.introflow.batch;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When {@code introflow serve} runs the jobs by itself. The CLI never schedules anything.
 *
 * @param enabled whether {@code serve} runs the nights and the send-only runs; false
 * leaves them to cron
 * @param nightlyAt the local time (in {@code zone}) at which each date's night runs
 * @param zone the time zone of {@code nightlyAt} and of the run date, such as
 * {@code Europe/London}; empty for the server's own zone, the one cron and
 * {@code introflow run nightly} without {@code --date} go by
 * @param sendEvery how often, between nights, a send-only run (as {@code introflow send})
 * relays what is due, so that emails held for their recipient's sending window go out
 * when it opens
 */
@Validated
@ConfigurationProperties("introflow.schedule")
public record ScheduleProperties(Boolean enabled, LocalTime nightlyAt, String zone, Duration sendEvery) {

	public ScheduleProperties {
		enabled = (enabled != null) ? enabled : true;
		nightlyAt = (nightlyAt != null) ? nightlyAt : LocalTime.of(2, 0);
		zone = (zone != null) ? zone.strip() : "";
		sendEvery = (sendEvery != null) ? sendEvery : Duration.ofMinutes(15);
		if (!zone.isEmpty()) {
			try {
				ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException("introflow.schedule.zone must be a time zone such as "
						+ "Europe/London or UTC (or empty for the server's zone), not '" + zone + "'");
			}
		}
		if (sendEvery.compareTo(Duration.ofMinutes(1)) < 0 || sendEvery.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("introflow.schedule.send-every must be between 1m and 1d (the "
					+ "scheduler looks once a minute), not " + sendEvery.toSeconds() + "s");
		}
	}

	/** The zone the schedule runs in: {@code zone}, or the server's when it is empty. */
	public ZoneId zoneId() {
		return zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone);
	}

}
