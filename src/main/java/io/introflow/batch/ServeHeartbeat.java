package io.introflow.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * This {@code serve} process saying it is alive, once a minute, as {@code <host>:<pid>}
 * ({@link ServeHeartbeats}).
 */
class ServeHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(ServeHeartbeat.class);

	private final ServeHeartbeats heartbeats;

	private final String instance;

	private final Instant startedAt;

	ServeHeartbeat(ServeHeartbeats heartbeats, Clock clock) {
		this.heartbeats = heartbeats;
		this.instance = host() + ":" + ProcessHandle.current().pid();
		this.startedAt = clock.instant();
	}

	@Scheduled(fixedRate = 1, timeUnit = TimeUnit.MINUTES)
	void beat() {
		try {
			heartbeats.beat(instance, startedAt);
		}
		catch (RuntimeException ex) {
			// a database briefly away: the next minute beats again
			log.warn("serve heartbeat not recorded: {}", ex.toString());
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
