package io.introflow.outbound;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.springframework.stereotype.Component;

import io.introflow.Reachability;

/**
 * Checks that the SMTP relay answers, for {@code serve}'s health: one connection opened
 * as the relay opens them (greeting, EHLO, STARTTLS and AUTH as configured), then QUIT,
 * every wait cut to a short timeout so that a health check never hangs on a silent relay.
 * Nothing is sent.
 */
@Component
public class SmtpProbe {

	private final SmtpProperties smtp;

	private final OutboxRelay relay;

	SmtpProbe(SmtpProperties smtp, OutboxRelay relay) {
		this.smtp = smtp;
		this.relay = relay;
	}

	/**
	 * @param timeout the longest any step may take (the configured timeouts apply when
	 * they are shorter)
	 */
	public Reachability probe(Duration timeout) {
		String server = smtp.host() + ":" + smtp.port();
		SmtpProperties quick = new SmtpProperties(smtp.host(), smtp.port(), smtp.username(), smtp.password(),
				shorter(smtp.connectTimeout(), timeout), shorter(smtp.readTimeout(), timeout), smtp.heloName(),
				smtp.starttls(), smtp.ssl(), smtp.trust(), shorter(smtp.commandDeadline(), timeout),
				shorter(smtp.messageDeadline(), timeout), smtp.breakerThreshold());
		Properties properties = relay.sessionProperties();
		try (Watchdog watchdog = new Watchdog(quick.commandDeadline(), quick.messageDeadline())) {
			SmtpConnection connection = new SmtpConnection(Session.getInstance(properties), properties, quick,
					watchdog);
			try {
				connection.transport();
				return Reachability.reached(server);
			}
			catch (RelayUnreachableException ex) {
				return Reachability.unreachable(server, ex.getMessage());
			}
			catch (MessagingException ex) {
				// it answered, but the session could not be set up (STARTTLS, AUTH):
				// sending would fail as well
				return Reachability.unreachable(server,
						"answered, but refused the session: " + String.valueOf(ex.getMessage()).strip());
			}
			finally {
				connection.forget();
			}
		}
	}

	private static Duration shorter(Duration configured, Duration limit) {
		return (configured.compareTo(limit) < 0) ? configured : limit;
	}

}
