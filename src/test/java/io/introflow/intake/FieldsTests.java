package io.introflow.intake;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTests {

	private static final List<DateTimeFormatter> GERMAN_AND_US = List.of(
			DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT),
			DateTimeFormatter.ofPattern("MM/dd/uuuu").withResolverStyle(ResolverStyle.STRICT));

	private static CsvRow row(String column, String value) {
		return new CsvRow("triggers.csv", 7, Map.of(column, value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-01", "2026-03-01T10:15:00Z", "2026-03-01T10:15:00+01:00", "2026-03-01 10:15",
			"2026-03-01T23:59:59", "01.03.2026", "03/01/2026" })
	void readsIsoDatesDateTimesAndConfiguredFormats(String value) {
		assertThat(Fields.date(row("occurred_at", value), "occurred_at", GERMAN_AND_US))
			.isEqualTo(LocalDate.of(2026, 3, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30", "30.02.2026", "yesterday", "2026-3-1", "" })
	void rejectsImpossibleOrUnknownDatesNamingFileLineAndColumn(String value) {
		assertThatThrownBy(() -> Fields.date(row("occurred_at", value), "occurred_at", GERMAN_AND_US))
			.isInstanceOfSatisfying(RowRejectedException.class, ex -> {
				assertThat(ex.error().file()).isEqualTo("triggers.csv");
				assertThat(ex.error().line()).isEqualTo(7);
				assertThat(ex.error().column()).isEqualTo("occurred_at");
			});
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "Anna\r\nBcc: eve@evil.example", "Anna\nBerg", "Anna\u2028Berg", "Anna\u0000", "Anna\u0085" })
	void rejectsLineBreaksAndControlCharactersInAnyHeaderValue(String value) {
		assertThatThrownBy(() -> Fields.text(row("name", value), "name", true)).isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("line break or control character");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Anna Berg <anna@a.example>", "anna@a.example, eve@evil.example", "anna", "anna@",
			"@a.example", "anna@localhost", "anna@a.example\r\nBcc: eve@evil.example", "\"anna\"@a.example" })
	void acceptsOnlyOneBareStrictAddress(String value) {
		assertThatThrownBy(() -> Fields.email(row("email", value), "email", true))
			.isInstanceOf(RowRejectedException.class);
	}

	@Test
	void lowerCasesAnAddressSoThatItIsAKeyInAnyCase() {
		assertThat(Fields.email(row("email", " Anna.Berg@Nordlicht.EXAMPLE "), "email", true))
			.isEqualTo("anna.berg@nordlicht.example");
	}

	@Test
	void allowsLineBreaksInNotesButNotOtherControlCharacters() {
		assertThat(Fields.multiline(row("note", "line one\r\nline two"), "note")).isEqualTo("line one\r\nline two");
		assertThatThrownBy(() -> Fields.multiline(row("note", "bell\u0007"), "note"))
			.isInstanceOf(RowRejectedException.class);
	}

	@Test
	void acceptsOnlyCodesForValuesThatNameAFolder() {
		assertThat(Fields.code(row("segment", "Enterprise-EU"), "segment", 50)).isEqualTo("enterprise-eu");
		assertThatThrownBy(() -> Fields.code(row("segment", "../../etc"), "segment", 50))
			.isInstanceOf(RowRejectedException.class);
	}

	@Test
	void rejectsValuesLongerThanTheDatabaseKeeps() {
		assertThatThrownBy(() -> Fields.text(row("name", "x".repeat(201)), "name", true))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("longer than 200");
	}

	private static String base64Word(String text) {
		return "=?utf-8?b?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
	}

	@ParameterizedTest
	@ValueSource(strings = { "B", "b" })
	void refusesANameWhoseEncodedWordDecodesToALineBreakNamingFileLineAndColumn(String encoding) {
		String word = base64Word("Eve\r\nBcc: spy@evil.example").replace("?b?", "?" + encoding + "?");

		assertThatThrownBy(() -> Fields.text(row("name", word), "name", true))
			.isInstanceOfSatisfying(RowRejectedException.class, ex -> {
				assertThat(ex.error().file()).isEqualTo("triggers.csv");
				assertThat(ex.error().line()).isEqualTo(7);
				assertThat(ex.error().column()).isEqualTo("name");
				assertThat(ex.error().value()).isEqualTo(word);
				assertThat(ex.error().reason()).contains("decodes (RFC 2047 encoded word) to a line break");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "=?iso-8859-1?q?Eve=0D=0ABcc:_spy@evil.example?=", "Eve =?utf-8?q?=0A?= Bcc: x",
			"Eve=?utf-8?q?=0D=0A?=Bcc: x", "=?utf-8?q?=00?=", "=?utf-8?q?=E2=80=A8?=" })
	void refusesEncodedWordsThatDecodeToControlCharactersInAnyForm(String value) {
		assertThatThrownBy(() -> Fields.text(row("company", value), "company", false))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("line break or control character");
	}

	@Test
	void refusesAWordThatDecodesToAnotherWordThatDecodesToALineBreak() {
		String nested = base64Word(base64Word(base64Word("Eve\r\nBcc: spy@evil.example")));

		assertThatThrownBy(() -> Fields.text(row("name", nested), "name", true))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("line break or control character");
		String deep = "Eve";
		for (int i = 0; i < 8; i++) {
			deep = base64Word(deep);
		}
		String tooDeep = deep;
		assertThatThrownBy(() -> Fields.text(row("name", tooDeep), "name", true))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("cannot be decoded");
	}

	@Test
	void storesAHarmlessEncodedWordAsTheTextItStandsFor() {
		assertThat(Fields.text(row("company", "=?iso-8859-1?q?M=FCller_GmbH?="), "company", false))
			.isEqualTo("Müller GmbH");
		assertThat(Fields.text(row("name", base64Word("Zoë") + " " + base64Word("Ångström")), "name", true))
			.isEqualTo("ZoëÅngström");
		assertThat(Fields.multiline(row("note", base64Word("line one\r\nline two")), "note"))
			.isEqualTo("line one\r\nline two");
		assertThat(Fields.text(row("name", "Anna =? Berg ?="), "name", true)).isEqualTo("Anna =? Berg ?=");
	}

	@Test
	void refusesAnEncodedWordInAnUnknownCharacterSetAndInAnAddress() {
		assertThatThrownBy(() -> Fields.text(row("name", "=?x-no-such-charset?q?Eve?="), "name", true))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("cannot be decoded");
		assertThatThrownBy(() -> Fields.email(row("email", "=?utf-8?q?eve?=@evil.example"), "email", true))
			.isInstanceOf(RowRejectedException.class)
			.hasMessageContaining("is not a valid email address");
	}

}
