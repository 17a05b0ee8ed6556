package io.introflow.intro;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The tokens of an introduction's public links, one per purpose: the one-click
 * unsubscribe and the referrer's introduction page. They are never the reply/tracking
 * token, which the prospect sees in the intro's CC and which appears in our Message-IDs,
 * so knowing that token opens no page and unsubscribes no one. A link's token is made the
 * first time an email carrying it is composed, and stays the same for every later email
 * of the introduction.
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

		static Purpose ofColumn(String column) {
			for (Purpose p : values()) {
				if (p.column.equals(column)) {
					return p;
				}
			}
			throw new IllegalArgumentException("no public link purpose " + column);
		}

		/** The path of the link below the public base URL, up to the token. */
		public String path() {
			return path;
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JdbcTemplate batch;

	PublicLinks(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
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
			// another process made it first (or, once in 2^130, the token was taken):
			// theirs is the link
			return existing(introductionId, purpose).orElseThrow(() -> raced);
		}
	}

	/**
	 * A link's token made for a chunk of emails, stored with them by {@link #insertAll}.
	 */
	record NewLink(long introductionId, Purpose purpose, String token) {
	}

	/** The tokens these introductions have already, per purpose, in one query. */
	Map<Long, Map<Purpose, String>> tokensOf(Collection<Long> introductionIds) {
		Map<Long, Map<Purpose, String>> tokens = new HashMap<>();
		if (!introductionIds.isEmpty()) {
			jdbc.sql("SELECT introduction_id, purpose, token FROM public_link WHERE introduction_id IN (:ids)")
				.param("ids", List.copyOf(introductionIds))
				.query((ResultSet rs) -> {
					tokens.computeIfAbsent(rs.getLong(1), id -> new EnumMap<>(Purpose.class))
						.put(Purpose.ofColumn(rs.getString(2)), rs.getString(3));
				});
		}
		return tokens;
	}

	static String newToken() {
		return Tokens.random(TOKEN_LENGTH);
	}

	/**
	 * Stores the tokens a chunk made, in one batch (the chunk's transaction holds its
	 * introductions).
	 */
	void insertAll(List<NewLink> links) {
		if (links.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		batch.batchUpdate("INSERT INTO public_link (token, introduction_id, purpose, created_at) VALUES (?, ?, ?, ?)",
				links.stream()
					.map(l -> new Object[] { l.token(), l.introductionId(), l.purpose().column, now })
					.toList());
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
	 * The introduction a link's token opens; empty for an unknown or malformed token. For
	 * the unsubscribe link, the reply token of an introduction made before links had
	 * tokens of their own still works (its emails carried it).
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
