package io.introflow.intro;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The tokens of an introduction's public links, one per purpose: the one-click unsubscribe and the referrer's
 * introduction page. They are never the reply/tracking token, which the prospect sees in the intro's CC and which
 * appears in our Message-IDs, so knowing that token opens no page and unsubscribes no one. A link's token is made
 * the first time an email carrying it is composed, and stays the same for every later email of the introduction.
 * <p>
 * Tokens are secrets: they are never logged.
 */
@Service
public class PublicLinks {

	/** 26 characters of 5 random bits: 130 bits. */
	static final int TOKEN_LENGTH = 26;

	public enum Purpose {

		UNSUBSCRIBE("unsubscribe", "/unsubscribe/"), INTRO_PAGE("intro-page", "/i/");

		private final String column;

		private final String path;

		Purpose(String column, String path) {
			this.column = column;
			this.path = path;
		}

		/** The path of the link below the public base URL, up to the token. */
		public String path() {
			return path;
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PublicLinks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The introduction's token for this purpose, made now if it has none yet. */
	public String token(long introductionId, Purpose purpose) {
		Optional<String> existing = existing(introductionId, purpose);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			String token = Tokens.random(TOKEN_LENGTH);
			jdbc.sql("INSERT INTO public_link (token, introduction_id, purpose, created_at) VALUES (?, ?, ?, ?)")
				.params(token, introductionId, purpose.column, OffsetDateTime.now(clock))
				.update();
			return token;
		}
		catch (DuplicateKeyException raced) {
			// another process made it first (or, once in 2^130, the token was taken): theirs is the link
			return existing(introductionId, purpose).orElseThrow(() -> raced);
		}
	}

	/** The link {@code <base>/unsubscribe/<token>} or {@code <base>/i/<token>}. */
	public URI url(URI publicBaseUrl, long introductionId, Purpose purpose) {
		String base = publicBaseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + purpose.path + token(introductionId, purpose));
	}

	/** The link for this purpose if the introduction has one already; none is made. */
	public Optional<URI> existingUrl(URI publicBaseUrl, long introductionId, Purpose purpose) {
		String base = publicBaseUrl.toString().replaceAll("/+$", "");
		return existing(introductionId, purpose).map(token -> URI.create(base + purpose.path + token));
	}

	/**
	 * The introduction a link's token opens; empty for an unknown or malformed token. For the unsubscribe link, the
	 * reply token of an introduction made before links had tokens of their own still works (its emails carried it).
	 */
	public Optional<Long> introductionOf(String token, Purpose purpose) {
		if (!Tokens.wellFormed(token, TOKEN_LENGTH)) {
			return Optional.empty();
		}
		String key = token.toLowerCase(Locale.ROOT);
		Optional<Long> found = jdbc.sql("SELECT introduction_id FROM public_link WHERE token = ? AND purpose = ?")
			.params(key, purpose.column)
			.query(Long.class)
			.optional();
		if (found.isPresent() || purpose != Purpose.UNSUBSCRIBE) {
			return found;
		}
		return jdbc.sql("SELECT id FROM introduction WHERE token = ? AND legacy_links")
			.param(key)
			.query(Long.class)
			.optional();
	}

	private Optional<String> existing(long introductionId, Purpose purpose) {
		return jdbc.sql("SELECT token FROM public_link WHERE introduction_id = ? AND purpose = ?")
			.params(introductionId, purpose.column)
			.query(String.class)
			.optional();
	}

}
