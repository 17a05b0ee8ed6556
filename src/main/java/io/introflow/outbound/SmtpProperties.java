package io.introflow.outbound;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP server mail is relayed through. Credentials come from
 * {@code INTROFLOW_SMTP_USERNAME} and {@code INTROFLOW_SMTP_PASSWORD}.
 *
 * @param starttls {@code required}, {@code optional} or {@code off}
 * @param heloName the name we give in EHLO, set so that Jakarta Mail does no DNS look-up
 * of its own
 * @param ssl SMTPS: TLS from the first byte (port 465), instead of STARTTLS
 * @param trust hosts whose certificate is accepted as it is, without a CA or a name check
 * ({@code mail.smtp.ssl.trust}), for a relay with a self-signed certificate; empty (the
 * default) checks certificates and host names normally
 * @param commandDeadline the longest wait for one whole reply (all its continuation
 * lines), and for opening a connection (TCP, TLS, greeting, EHLO, AUTH); the read timeout
 * alone is reset by every line a server drips
 * @param messageDeadline the longest one message may take, from {@code MAIL FROM} to the
 * reply after its final {@code .}
 * @param breakerThreshold connection failures in a row, over all connections, after which
 * the relay is taken for unreachable (no TCP connection, or no greeting) and the run
 * stops trying it; what is left stays queued
 */
@Validated
@ConfigurationProperties("introflow.smtp")
public record SmtpProperties(@NotBlank String host, @Min(1) @Max(65535) int port, String username, String password,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @NotBlank String heloName, String starttls,
		boolean ssl, String trust, Duration commandDeadline, Duration messageDeadline,
		@Min(1) Integer breakerThreshold) {

	public SmtpProperties {
		commandDeadline = (commandDeadline != null) ? commandDeadline : Duration.ofMinutes(2);
		messageDeadline = (messageDeadline != null) ? messageDeadline : Duration.ofMinutes(5);
		breakerThreshold = (breakerThreshold != null) ? breakerThreshold : 3;
		starttls = (starttls == null || starttls.isBlank()) ? "optional" : starttls;
		if (!starttls.equals("required") && !starttls.equals("optional") && !starttls.equals("off")) {
			throw new IllegalArgumentException(
					"introflow.smtp.starttls must be required, optional or off, not '" + starttls + "'");
		}
	}

	boolean hasCredentials() {
		return username != null && !username.isBlank();
	}

}
