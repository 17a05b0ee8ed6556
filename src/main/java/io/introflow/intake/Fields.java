package io.introflow.intake;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Per-field validation of imported values. Every check throws {@link RowRejectedException} naming the file, line and
 * column, so that one bad row never stops the rest of the file.
 */
public final class Fields {

	private Fields() {
	}

	/** Any value that may reach a mail header: no CR, LF, other line breaks or control characters. */
	public static String text(CsvRow row, String column, boolean required) {
		String value = row.get(column);
		if (required && value.isEmpty()) {
			throw reject(row, column, value, "is required");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
				throw reject(row, column, value, "contains a line break or control character");
			}
		}
		return value;
	}

	/** A single bare address (no display name), strictly parsed, returned lower-case. */
	public static String email(CsvRow row, String column, boolean required) {
		String value = text(row, column, required);
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
			return address.getPersonal() == null && value.equals(address.getAddress()) && value.indexOf('@') > 0
					&& value.substring(value.indexOf('@')).contains(".");
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

	public static LocalDate date(CsvRow row, String column) {
		String value = text(row, column, true);
		try {
			return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			throw reject(row, column, value, "is not an ISO date (yyyy-MM-dd)");
		}
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
