package io.introflow.batch;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.introflow.IntroflowProperties;
import io.introflow.outbound.OutboxRelay;

/**
 * What runs by the clock while {@code introflow serve} runs (the servlet web
 * application): the heartbeat always, the {@link NightlyScheduler} unless
 * {@code introflow.schedule.enabled} is false. The CLI never schedules: its context is
 * not a web application, so none of this exists there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableScheduling
class ServeScheduling {

	@Bean
	ServeHeartbeat serveHeartbeat(ServeHeartbeats heartbeats, Clock clock) {
		return new ServeHeartbeat(heartbeats, clock);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "introflow.schedule.enabled", matchIfMissing = true)
	NightlyScheduler nightlyScheduler(Clock clock, ScheduleProperties schedule, NightlyRunner runner, NightlyRuns runs,
			OutboxRelay relay, IntroflowProperties properties, RunLocks locks) {
		return new NightlyScheduler(clock, schedule, runner, runs, relay, properties, locks);
	}

}
