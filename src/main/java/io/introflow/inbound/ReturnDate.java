package io.introflow.inbound;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date an out-of-office reply says its writer is back, in the forms people write it
 * in English, German, French, Spanish, Dutch and Portuguese: {@code 2026-12-07},
 * {@code 07.12.2026}, {@code 7/12/2026} (day first, unless that is impossible),
 * {@code 7 December}, {@code December 7th, 2026}, {@code 7. Dezember},
 * {@code 7 de diciembre de 2026}. A date right after "until", "back on", "bis",
 * "jusqu'au", "hasta", "tot", "até" (and their kin) wins; otherwise the latest date
 * mentioned. A date without a year is the next such day after the reply was written.
 */
final class ReturnDate {

	private static final Map<String, Integer> MONTHS = months();

	private static final String MONTH = "(?<month>[a-z]{3,10})\\.?";

	private static final List<Pattern> FORMS = List.of(
			Pattern.compile("\\b(?<year>\\d{4})-(?<mm>\\d{1,2})-(?<day>\\d{1,2})\\b"),
			Pattern.compile("\\b(?<day>\\d{1,2})[./](?<mm>\\d{1,2})[./](?<year>\\d{4}|\\d{2})\\b"),
			Pattern.compile("\\b(?<day>\\d{1,2})\\.(?<mm>\\d{1,2})\\.(?!\\d)"),
			Pattern.compile("\\b(?<day>\\d{1,2})(st|nd|rd|th|er|º)?\\.?\\s+(de\\s+)?" + MONTH
					+ "(\\s+(de\\s+)?(?<year>\\d{4}))?\\b"),
			Pattern.compile("\\b" + MONTH + "\\s+(?<day>\\d{1,2})(st|nd|rd|th)?(,?\\s+(?<year>\\d{4}))?\\b"));

	private static final Pattern RETURN_WORD = Pattern.compile("(until|till|back|return|returning|from|on|bis|ab|"
			+ "zuruck|wieder|jusqu'au|jusqu au|jusqu|retour|a partir du|hasta|regreso|vuelta|a partir del|tot|terug|"
			+ "vanaf|ate|regresso|volto|a partir de)\\W{0,12}(the\\W+|le\\W+|el\\W+|de\\W+|o\\W+|dem\\W+|zum\\W+|am\\W+"
			+ "|dia\\W+|el dia\\W+|op\\W+|[a-z]+day,?\\W+|[a-z]+tag,?\\W+)?$");

	private ReturnDate() {
	}

	/**
	 * @return the return date, or null when the text states none after {@code written}
	 */
	static LocalDate in(String text, LocalDate written) {
		String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
		LocalDate best = null;
		boolean bestAfterWord = false;
		for (Pattern form : FORMS) {
			Matcher m = form.matcher(plain);
			while (m.find()) {
				LocalDate date = date(m, written);
				if (date == null || !date.isAfter(written) || date.isAfter(written.plusYears(1))) {
					continue;
				}
				String before = plain.substring(Math.max(0, m.start() - 40), m.start());
				boolean afterWord = RETURN_WORD.matcher(before).find();
				if (best == null || (afterWord && !bestAfterWord)
						|| (afterWord == bestAfterWord && date.isAfter(best))) {
					best = date;
					bestAfterWord = afterWord;
				}
			}
		}
		return best;
	}

	private static LocalDate date(Matcher m, LocalDate written) {
		try {
			int day = Integer.parseInt(m.group("day"));
			int month;
			if (hasGroup(m, "mm")) {
				month = Integer.parseInt(m.group("mm"));
				if (month > 12 && day <= 12 && !m.group().contains("-")) {
					// 12/25/2026: the month came first
					int swap = day;
					day = month;
					month = swap;
				}
			}
			else {
				Integer named = MONTHS.get(m.group("month"));
				if (named == null) {
					return null;
				}
				month = named;
			}
			String year = hasGroup(m, "year") ? m.group("year") : null;
			if (year != null) {
				int y = Integer.parseInt(year);
				return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
			}
			LocalDate date = LocalDate.of(written.getYear(), month, day);
			return date.isAfter(written) ? date : date.plusYears(1);
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

	private static boolean hasGroup(Matcher m, String name) {
		try {
			return m.group(name) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Map<String, Integer> months() {
		String[][] names = {
				{ "january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "januari", "janeiro" },
				{ "february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "februari", "fevereiro" },
				{ "march", "mar", "marz", "mars", "marzo", "maart", "mrt", "marco" },
				{ "april", "apr", "avril", "avr", "abril", "abr" }, { "may", "mai", "mayo", "mei", "maio" },
				{ "june", "jun", "juni", "juin", "junio", "junho" },
				{ "july", "jul", "juli", "juillet", "juil", "julio", "julho" },
				{ "august", "aug", "aout", "agosto", "ago", "augustus" },
				{ "september", "sep", "sept", "septembre", "septiembre", "setembro", "set" },
				{ "october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out" },
				{ "november", "nov", "novembre", "noviembre", "novembro" },
				{ "december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dezembro" } };
		Map<String, Integer> months = new java.util.HashMap<>();
		for (int i = 0; i < names.length; i++) {
			for (String name : names[i]) {
				months.put(name, i + 1);
			}
		}
		return Map.copyOf(months);
	}

}
