package io.introflow.template;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** format=flowed (RFC 3676) as mail programs read it back. */
class FlowedTextTests {

	private static final String PARAGRAPH = "I'd like to introduce you to Oscar Owner at Example Consulting. "
			+ "Oscar's team worked with us at Client GmbH and made a real difference, and I think a short "
			+ "conversation would be worth your while.";

	@Test
	void unflowingGivesTheParagraphsBack() {
		String text = "Hi Priya,\n\n" + PARAGRAPH + "\n\n" + PARAGRAPH + " " + PARAGRAPH + "\n\nBest,\nRita Referrer";

		String flowed = FlowedText.encode(text);

		assertThat(flowed.lines()).hasSizeGreaterThan((int) text.lines().count());
		assertThat(FlowedText.decode(flowed)).isEqualTo(text);
	}

	@Test
	void breaksOnlyAtSpacesWithinSeventyEightCharactersSoftBreaksEndingInASpace() {
		String flowed = FlowedText.encode(PARAGRAPH + "\nsecond hard line");

		List<String> lines = flowed.lines().toList();
		assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
		assertThat(lines.subList(0, lines.size() - 2)).allSatisfy(line -> assertThat(line).endsWith(" "));
		assertThat(lines.get(lines.size() - 2)).doesNotEndWith(" ");
		assertThat(lines.get(lines.size() - 1)).isEqualTo("second hard line");
	}

	@Test
	void keepsAnUnbreakableWordWholeOnALineOfItsOwn() {
		String url = "https://example.com/" + "a".repeat(120);
		String text = "Read it here: " + url + " and tell me what you think.";

		String flowed = FlowedText.encode(text);

		assertThat(flowed.lines()).contains(url + " ");
		assertThat(flowed.lines().filter(line -> line.length() > 78)).containsExactly(url + " ");
		assertThat(FlowedText.decode(flowed)).isEqualTo(text);
	}

	@Test
	void spaceStuffsLinesThatStartWithASpaceAQuoteMarkOrFrom() {
		String text = "> not a quote\nFrom here on\n  indented\n" + "word ".repeat(15) + "From the start";

		String flowed = FlowedText.encode(text);

		assertThat(flowed.lines()).contains(" > not a quote", " From here on", "   indented", " From the start");
		assertThat(FlowedText.decode(flowed)).isEqualTo(text);
	}

	@Test
	void keepsTheSignatureSeparatorAndDropsTrailingSpacesOfHardLines() {
		String flowed = FlowedText.encode("Oscar   \n-- \nFirm · 1 Example Street");

		assertThat(flowed).isEqualTo("Oscar\n-- \nFirm · 1 Example Street");
		assertThat(FlowedText.decode(flowed)).isEqualTo("Oscar\n-- \nFirm · 1 Example Street");
	}

}
