package io.introflow.intake;

/**
 * Makes a value safe to show in a spreadsheet, by OWASP's rule for CSV injection: control
 * characters are removed, and a cell that would start with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, so that
 * Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula
 * ({@code =HYPERLINK(...)}, {@code =cmd|' /C calc'!A0}). The value stays readable; a
 * number such as {@code -5} reads {@code '-5}.
 */
public final class SpreadsheetSafe {

	private SpreadsheetSafe() {
	}

	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder(value.length() + 1);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
				out.append(c);
			}
		}
		if (out.length() > 0 && startsAFormula(out.charAt(0))) {
			out.insert(0, '\'');
		}
		return out.toString();
	}

	private static boolean startsAFormula(char c) {
		// tab and CR cannot remain after the control characters are removed; kept so that
		// the rule reads as OWASP's
		return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
	}

}
