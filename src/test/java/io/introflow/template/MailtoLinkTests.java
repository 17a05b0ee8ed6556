package io.introflow.template;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailtoLinkTests {

	private static final MailtoLink.Parts INTRO = new MailtoLink.Parts(List.of("nora.fields@riverside.example"),
			List.of("maria.lopez@introflow.example", "intro+abc123@reply.introflow.example"),
			"Introduction: Nora (Riverside) meet Maria & team",
			"Hi Nora,\n\nMeet Maria: 100% worth it? Yes = a+b; #1 / ~fine.\n\nBest,\nBen");

	@Test
	void encodesEveryReservedCharacterAndBreaksLinesAsCrlf() {
		String link = MailtoLink.build(INTRO);

		assertThat(link).startsWith("mailto:nora.fields@riverside.example?cc=maria.lopez@introflow.example,"
				+ "intro%2Babc123@reply.introflow.example&subject=Introduction%3A%20Nora%20%28Riverside%29%20meet"
				+ "%20Maria%20%26%20team&body=Hi%20Nora%2C%0D%0A%0D%0AMeet%20Maria%3A%20100%25%20worth%20it%3F"
				+ "%20Yes%20%3D%20a%2Bb%3B%20%231%20%2F%20~fine.");
		assertThat(link.substring("mailto:".length())).doesNotContain(" ", "+", "\n", "\r", "#", "<", ">", "\"");
	}

	@Test
	void roundTripsToExactlyTheSameParts() {
		MailtoLink.Parts parsed = MailtoLink.parse(MailtoLink.build(INTRO));

		assertThat(parsed).isEqualTo(INTRO);
		assertThat(parsed.body()).contains("\r\n\r\nMeet Maria");
	}

	@Test
	void roundTripsNonAsciiText() {
		MailtoLink.Parts parts = new MailtoLink.Parts(List.of("jose@exemplo.example"), List.of(),
				"Apresentação — Zoë 🙂", "Olá José,\nça va? Grüße");

		String link = MailtoLink.build(parts);

		assertThat(link).contains("subject=Apresenta%C3%A7%C3%A3o%20%E2%80%94%20Zo%C3%AB%20%F0%9F%99%82");
		assertThat(MailtoLink.parse(link)).isEqualTo(parts);
	}

	@Test
	void keepsALongLinkWithinTheBudgetByShorteningTheBodyAtALineBoundary() {
		StringBuilder body = new StringBuilder();
		for (int i = 1; i <= 60; i++) {
			body.append("Line ").append(i).append(" of a long and heartfelt introduction.\n");
		}
		MailtoLink.Parts parts = new MailtoLink.Parts(INTRO.to(), INTRO.cc(), INTRO.subject(), body.toString());
		assertThat(MailtoLink.build(parts).length()).isGreaterThan(2000);

		String link = MailtoLink.build(parts, 2000, "(The full text is in the email; paste it here.)");

		assertThat(link.length()).isLessThanOrEqualTo(2000);
		MailtoLink.Parts shortened = MailtoLink.parse(link);
		assertThat(shortened.to()).isEqualTo(parts.to());
		assertThat(shortened.cc()).isEqualTo(parts.cc());
		assertThat(shortened.subject()).isEqualTo(parts.subject());
		assertThat(shortened.body()).startsWith("Line 1 of a long and heartfelt introduction.\r\n")
			.endsWith("introduction.\r\n\r\n(The full text is in the email; paste it here.)");
		assertThat(parts.body()).startsWith(shortened.body().substring(0, shortened.body().indexOf("\r\n\r\n(")));
	}

	@Test
	void leavesALinkWithinTheBudgetUntouched() {
		assertThat(MailtoLink.build(INTRO, 2000, "notice")).isEqualTo(MailtoLink.build(INTRO));
	}

	@Test
	void refusesWhenEvenTheSubjectAndRecipientsExceedTheBudget() {
		assertThatThrownBy(() -> MailtoLink.build(INTRO, 60, "notice")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("exceeds 60 characters");
	}

	@Test
	void readsToAndCcGivenAsHeaderFieldsAndDoesNotTreatPlusAsSpace() {
		MailtoLink.Parts parts = MailtoLink
			.parse("MAILTO:a@example.com?to=b%40example.com&CC=c+tag@example.com&subject=a+b%20c&x-other=1");

		assertThat(parts.to()).containsExactly("a@example.com", "b@example.com");
		assertThat(parts.cc()).containsExactly("c+tag@example.com");
		assertThat(parts.subject()).isEqualTo("a+b c");
		assertThat(parts.body()).isEmpty();
	}

	@Test
	void rejectsSomethingThatIsNotAMailtoLink() {
		assertThatThrownBy(() -> MailtoLink.parse("https://example.com")).isInstanceOf(IllegalArgumentException.class);
	}

}
