package io.introflow.intake;

import java.io.UnsupportedEncodingException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * Per-field validation of imported values. Every check throws
 * {@link RowRejectedException} naming the file, line and column, so that one bad row
 * never stops the rest of the file.
 * <p>
 * RFC 2047 encoded words ({@code =?utf-8?b?...?=}, {@code =?iso-8859-1?q?...?=}) in a
 * value are decoded first, and the decoded text is checked and stored: a name that
 * decodes to a line break is refused like any other line break, and a harmless one is
 * kept as the text it stands for (Jakarta Mail encodes it again where a header needs it).
 * Stored raw, the word would reach a display name or a subject undecoded, and the
 * receiving mail program would decode it. An address may hold no encoded word at all.
 */
public final class Fields {

	private Fields() {
	}

	/** Longest name, company or other single-line value, as the database stores it. */
	public static final int MAX_TEXT = 200;

	/**
	 * Any value that may reach a mail header: no CR, LF, other line breaks or control
	 * characters.
	 */
	public static String text(CsvRow row, String column, boolean required) {
		return text(row, column, required, MAX_TEXT);
	}

	public static String text(CsvRow row, String column, boolean required, int maxLength) {
		String raw = row.get(column);
		if (required && raw.isEmpty()) {
			throw reject(row, column, raw, "is required");
		}
		String value = decoded(row, column, raw);
		if (value.length() > maxLength) {
			throw reject(row, column, raw.substring(0, Math.min(40, raw.length())) + "...",
					"is longer than " + maxLength + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
				throw reject(row, column, raw, value.equals(raw) ? "contains a line break or control character"
						: "decodes (RFC 2047 encoded word) to a line break or control character");
			}
		}
		return value;
	}

	/** An encoded word: {@code =?charset?B-or-Q?text?=}. */
	private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

	/** Words that decode to more words are decoded again, this many times at most. */
	private static final int DECODING_ROUNDS = 3;

	/**
	 * The value with its RFC 2047 encoded words decoded: in the standard form (separated
	 * by white space) and also inside other text, which lenient mail programs decode as
	 * well; words that decode to more encoded words are decoded again. A value whose
	 * encoded words cannot be decoded is rejected.
	 */
	static String decoded(CsvRow row, String column, String value) {
		if (!value.contains("=?")) {
			return value;
		}
		String current = value;
		try {
			for (int round = 0; round < DECODING_ROUNDS && ENCODED_WORD.matcher(current).find(); round++) {
				current = embeddedWordsDecoded(MimeUtility.decodeText(current));
			}
		}
		catch (UnsupportedEncodingException | ParseException | RuntimeException ex) {
			throw reject(row, column, value,
					"holds an RFC 2047 encoded word that cannot be decoded (" + ex.getMessage() + ")");
		}
		if (ENCODED_WORD.matcher(current).find()) {
			throw reject(row, column, value, "holds RFC 2047 encoded words that cannot be decoded");
		}
		return current;
	}

	private static String embeddedWordsDecoded(String text) throws UnsupportedEncodingException, ParseException {
		Matcher word = ENCODED_WORD.matcher(text);
		StringBuilder out = new StringBuilder();
		while (word.find()) {
			word.appendReplacement(out, Matcher.quoteReplacement(MimeUtility.decodeWord(word.group())));
		}
		word.appendTail(out);
		return out.toString();
	}

	/** A single bare address (no display name), strictly parsed, returned lower-case. */
	public static String email(CsvRow row, String column, boolean required) {
		if (row.get(column).contains("=?") && ENCODED_WORD.matcher(row.get(column)).find()) {
			throw reject(row, column, row.get(column),
					"is not a valid email address (an address holds no RFC 2047 " + "encoded word)");
		}
		String value = text(row, column, required, 254);
		if (value.isEmpty()) {
			return value;
		}
		if (!isStrictAddress(value)) {
			throw reject(row, column, value, "is not a valid email address");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	public static boolean isStrictAddress(String value) {
		try {
			InternetAddress address = new InternetAddress(value, true);
			address.validate();
			// a quoted local part is valid RFC 5322 but never in a CRM export, and hides
			// characters from view
			return address.getPersonal() == null && value.equals(address.getAddress()) && value.indexOf('@') > 0
					&& value.indexOf('"') < 0 && value.substring(value.indexOf('@')).contains(".");
		}
		catch (AddressException ex) {
			return false;
		}
	}

	public static String oneOf(CsvRow row, String column, Set<String> allowed, String fallback) {
		String value = text(row, column, fallback == null).toLowerCase(Locale.ROOT);
		if (value.isEmpty()) {
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw reject(row, column, value, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
		}
		return value;
	}

	/**
	 * A date in ISO form ({@code 2026-03-01}, also with a time such as
	 * {@code 2026-03-01T10:15:00Z} or {@code 2026-03-01 10:15}, of which the date is
	 * kept) or in one of the configured patterns.
	 */
	public static LocalDate date(CsvRow row, String column, List<DateTimeFormatter> formats) {
		String value = text(row, column, true);
		LocalDate date = parseDate(value, formats);
		if (date == null) {
			throw reject(row, column, value, "is not a date (yyyy-MM-dd"
					+ (formats.isEmpty() ? "" : " or one of the configured date formats") + ")");
		}
		return date;
	}

	/** A date as {@link #date}, or null when the column is empty or absent. */
	public static LocalDate optionalDate(CsvRow row, String column, List<DateTimeFormatter> formats) {
		return text(row, column, false).isEmpty() ? null : date(row, column, formats);
	}

	/**
	 * An ISO 3166 two-letter country code, upper-case; empty when the column is empty or
	 * absent.
	 */
	public static String country(CsvRow row, String column) {
		String value = text(row, column, false);
		if (!value.isEmpty() && !value.matches("[A-Za-z]{2}")) {
			throw reject(row, column, value, "is not a two-letter country code (ISO 3166, such as GB, US, DE)");
		}
		return value.toUpperCase(java.util.Locale.ROOT);
	}

	static LocalDate parseDate(String value, List<DateTimeFormatter> formats) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException notPlainIso) {
			// try the forms with a time, then the configured ones
		}
		if (value.length() > 10 && (value.charAt(10) == 'T' || value.charAt(10) == ' ')) {
			String iso = value.replace(' ', 'T');
			for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_INSTANT,
					DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
				try {
					TemporalAccessor t = f.parse(iso);
					return t.isSupported(ChronoField.EPOCH_DAY) ? LocalDate.from(t)
							: LocalDate.ofInstant(Instant.from(t), ZoneOffset.UTC);
				}
				catch (DateTimeException notThisForm) {
					// next form
				}
			}
		}
		for (DateTimeFormatter f : formats) {
			try {
				return LocalDate.parse(value, f);
			}
			catch (DateTimeParseException notThisFormat) {
				// next format
			}
		}
		return null;
	}

	/**
	 * A value that names a folder or a code: letters, digits, '-' and '_' only, returned
	 * lower-case.
	 */
	public static String code(CsvRow row, String column, int maxLength) {
		String value = text(row, column, false, maxLength);
		if (!value.isEmpty() && !value.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
			throw reject(row, column, value, "may hold only letters, digits, '-' and '_'");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * Free text that never reaches a header (a note): line breaks allowed, other control
	 * characters not.
	 */
	public static String multiline(CsvRow row, String column) {
		String raw = row.get(column);
		String value = decoded(row, column, raw);
		if (value.length() > 2000) {
			throw reject(row, column, raw.substring(0, Math.min(40, raw.length())) + "...",
					"is longer than 2000 characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				throw reject(row, column, raw, "contains a control character");
			}
		}
		return value;
	}

	public static String zone(CsvRow row, String column, String fallback) {
		String value = text(row, column, false);
		if (value.isEmpty()) {
			return fallback;
		}
		try {
			return ZoneId.of(value).getId();
		}
		catch (RuntimeException ex) {
			throw reject(row, column, value, "is not a time zone such as Europe/Berlin");
		}
	}

	public static RowRejectedException reject(CsvRow row, String column, String value, String reason) {
		return new RowRejectedException(new RowError(row.file(), row.line(), column, value, reason));
	}

}
