package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture pairs under {@code src/test/resources/visible-text/}: a reply as a mail
 * program writes it ({@code NN-name.eml}) and exactly what its writer wrote
 * ({@code NN-name.txt}). Each message is read as the inbound reader reads it (the plain
 * part, else the HTML part as text) and its visible text must equal the expected text;
 * the test prints the exact-match rate and every difference.
 */
class VisibleTextFixturesTests {

	static final Path FIXTURES = Path.of("src/test/resources/visible-text").toAbsolutePath();

	private final Session session = Session.getInstance(InboundStore.readingProperties());

	@Test
	void everyFixtureYieldsExactlyWhatItsWriterWrote() throws Exception {
		List<Path> messages;
		try (Stream<Path> files = Files.list(FIXTURES)) {
			messages = files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
		}
		List<String> differences = new ArrayList<>();
		for (Path eml : messages) {
			String expected = normalised(Files.readString(sibling(eml, ".txt"), StandardCharsets.UTF_8));
			String actual = normalised(visibleText(eml));
			if (!expected.equals(actual)) {
				differences.add(eml.getFileName() + "\n--- expected\n" + expected + "\n--- actual\n" + actual + "\n");
			}
		}
		int exact = messages.size() - differences.size();
		System.out.printf("visible text: %d of %d exact (%.1f%%)%n", exact, messages.size(),
				100.0 * exact / messages.size());
		differences.forEach(System.out::println);

		assertThat(messages).hasSizeGreaterThanOrEqualTo(30);
		assertThat(differences).isEmpty();
	}

	@Test
	void keepsLinesThatOnlyLookLikeQuoteHeadersOrFooters() {
		String text = """
				From: our side, happy to help.
				Paul wrote: he is interested, and he is sent from head office.
				Sent from my iPhone is all I have this week, so be patient
				Date: any Tuesday works.
				""";

		assertThat(ReplyText.newText(text)).isEqualTo(text.strip());
	}

	@Test
	void dropsAQuotedBlockAndItsHeaderButKeepsTheAnswersAroundIt() {
		String text = """
				Short answer first.

				On Tue, 17 Nov 2026 at 10:02, Mia Rep <mia@introflow.example> wrote:
				> Question one?
				> Question two?

				Long answer below.
				>> older history
				Done.
				""";

		assertThat(ReplyText.newText(text)).isEqualTo("Short answer first.\n\nLong answer below.\nDone.");
	}

	@Test
	void endsAtAnAttributionWithNoQuotedLinesUnderIt() {
		String text = """
				Gerne, ich melde mich.

				Wiadomość napisana przez Mia Rep <mia@introflow.example> w dniu 17.11.2026, o godz. 10:02:

				Dzień dobry, czy zna Pan kogoś?
				""";

		assertThat(ReplyText.newText(text)).isEqualTo("Gerne, ich melde mich.");
	}

	private String visibleText(Path eml) throws Exception {
		try (InputStream in = Files.newInputStream(eml)) {
			return ReplyText.newText(ReplyText.full(new MimeMessage(session, in)));
		}
	}

	private static Path sibling(Path eml, String extension) throws IOException {
		String name = eml.getFileName().toString();
		return eml.resolveSibling(name.substring(0, name.length() - ".eml".length()) + extension);
	}

	/** Only trailing whitespace, of each line and of the whole, is not compared. */
	private static String normalised(String text) {
		return text.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").stripTrailing();
	}

}
