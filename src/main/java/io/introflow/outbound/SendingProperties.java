package io.introflow.outbound;

import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How fast and when mail goes out ({@code batch-config/sending.yml}).
 *
 * @param connections parallel SMTP connections, each reused for every message it sends
 * @param messagesPerSecond the most messages per second over all connections; 0 for no
 * limit
 * @param perSenderDailyCap the most messages one owner sends per day (UTC); 0 for no cap
 * @param window when recipients may get mail, in their own time zone; none for any time
 * @param retry tries after temporary failures (4xx replies, I/O errors)
 * @param publicBaseUrl when set, the emails to referrers carry the RFC 8058 one-click
 * link {@code <base>/unsubscribe/<token>} (a public token of its own, see
 * {@code PublicLinks}) in {@code List-Unsubscribe}, which {@code introflow serve} answers
 * @param dkim optional DKIM signing
 */
@Validated
@ConfigurationProperties("introflow.sending")
public record SendingProperties(@Min(1) @Max(64) Integer connections, @Min(0) Double messagesPerSecond,
		@Min(0) Integer perSenderDailyCap, Window window, Retry retry, URI publicBaseUrl, Dkim dkim) {

	public SendingProperties {
		connections = (connections != null) ? connections : 4;
		messagesPerSecond = (messagesPerSecond != null) ? messagesPerSecond : 0.0;
		perSenderDailyCap = (perSenderDailyCap != null) ? perSenderDailyCap : 0;
		window = (window != null) ? window : new Window(null, null, null);
		retry = (retry != null) ? retry : new Retry(null, null, null, false);
		dkim = (dkim != null) ? dkim : new Dkim(false, null, null, null, null);
		if (publicBaseUrl != null && !safeLinkScheme(publicBaseUrl)) {
			throw new IllegalArgumentException(
					"introflow.sending.public-base-url must be an https URL, not '" + publicBaseUrl + "'");
		}
	}

	/**
	 * Whether a public link may travel with this scheme and host: https anywhere; plain
	 * {@code http://} to this machine only ({@code localhost}, {@code 127.0.0.1},
	 * {@code [::1]}): the demo's pages are served there, where no TLS certificate exists
	 * and the traffic never leaves the machine. Anywhere else a link carries a token that
	 * unsubscribes someone or opens their introduction, so it must not travel in the
	 * clear (and Gmail and Yahoo ignore a one-click address that is not https).
	 */
	static boolean safeLinkScheme(URI url) {
		if ("https".equalsIgnoreCase(url.getScheme())) {
			return true;
		}
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		return "http".equalsIgnoreCase(url.getScheme())
				&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
	}

	/**
	 * Hours and days when a recipient may receive mail, in their time zone; both hours
	 * empty means any time.
	 */
	public record Window(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

		public Window {
			days = (days == null || days.isEmpty()) ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
			if ((start == null) != (end == null)) {
				throw new IllegalArgumentException("introflow.sending.window needs both start and end, or neither");
			}
		}

		public boolean allows(ZonedDateTime now, ZoneId recipientZone) {
			ZonedDateTime local = now.withZoneSameInstant(recipientZone);
			if (!days.contains(local.getDayOfWeek())) {
				return false;
			}
			if (start == null) {
				return true;
			}
			LocalTime t = local.toLocalTime();
			return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
		}

	}

	/**
	 * @param maxAttempts tries per message in all; a message still failing then is FAILED
	 * @param resendInDoubt when true, a message whose final {@code .} got no answer is
	 * tried again like one that failed before it, instead of being left in doubt for a
	 * person: receivers may see a duplicate
	 */
	public record Retry(@Min(1) Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
			boolean resendInDoubt) {

		public Retry {
			maxAttempts = (maxAttempts != null) ? maxAttempts : 5;
			initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofSeconds(1);
			maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(30);
		}

		/**
		 * Exponential backoff with full jitter: a random wait up to initial *
		 * 2^(attempt-1), capped.
		 */
		public Duration backoff(int attempt, double random) {
			long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
			return Duration.ofMillis(Math.max(1, Math.round(cap * random)));
		}

	}

	/**
	 * DKIM signing, one key per From domain: each message is signed with the key whose
	 * domain is its From domain, so that {@code d=} aligns with From for DMARC. The
	 * single {@code domain}, {@code selector} and {@code private-key} are the first key,
	 * as before {@code keys} existed.
	 *
	 * @param privateKey an RSA private key file, PEM (PKCS#1 or PKCS#8) or DER; relative
	 * to the installation folder
	 * @param keys further keys, one per From domain
	 */
	public record Dkim(boolean enabled, String domain, String selector, Path privateKey, List<DkimKey> keys) {

		public Dkim {
			keys = (keys != null) ? List.copyOf(keys) : List.of();
			boolean any = domain != null || selector != null || privateKey != null;
			if (enabled && any && (domain == null || selector == null || privateKey == null)) {
				throw new IllegalArgumentException(
						"introflow.sending.dkim needs domain, selector and private-key together");
			}
			if (enabled && !any && keys.isEmpty()) {
				throw new IllegalArgumentException("introflow.sending.dkim is enabled but names no key: set "
						+ "domain, selector and private-key, or keys");
			}
		}

		/** The single key (if set) followed by {@code keys}. */
		public List<DkimKey> allKeys() {
			List<DkimKey> all = new ArrayList<>();
			if (domain != null) {
				all.add(new DkimKey(domain, selector, privateKey));
			}
			all.addAll(keys);
			return all;
		}

	}

	/**
	 * @param domain the From domain this key signs for ({@code d=})
	 * @param selector the {@code s=}: the key is published at
	 * {@code <selector>._domainkey.<domain>}
	 * @param privateKey an RSA private key file, PEM (PKCS#1 or PKCS#8) or DER; relative
	 * to the installation folder
	 */
	public record DkimKey(String domain, String selector, Path privateKey) {

		public DkimKey {
			if (domain == null || selector == null || privateKey == null) {
				throw new IllegalArgumentException(
						"each entry of introflow.sending.dkim.keys needs domain, selector " + "and private-key");
			}
		}

	}

}
