package io.introflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.outbound.DkimVerification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow dkim keygen}: the key it writes, the record it prints and the settings
 * it suggests work together.
 */
class DkimCommandTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void generatedKeyConfiguredAsPrintedSignsMailThatVerifiesAgainstThePrintedRecord() throws Exception {
		// given: a key made by keygen, configured with the settings it printed
		Installation.Run keygen = app.run("dkim", "keygen", "--domain", "introflow.example", "--selector", "s2026");
		assertThat(keygen.exitCode()).isEqualTo(0);
		Path key = app.home().resolve("config/dkim/introflow.example.s2026.pem");
		assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		// relative to the home folder, not to the folder the command runs from
		assertThat(keygen.out()).contains("private-key: config/dkim/introflow.example.s2026.pem");
		Files.writeString(app.home().resolve("batch-config/sending.yml"),
				keygen.out().substring(keygen.out().indexOf("  introflow:")));
		app.inbox("clients.csv", """
				email,name,relationship,owner_email,time_zone
				a@x.example,Ann A,customer,maria@introflow.example,Asia/Tokyo
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				a@x.example,praise,2026-03-01
				""");

		// when
		assertThat(app.run("run", "nightly", "--date=2026-03-02").exitCode()).isEqualTo(0);

		// then: the published record, strings joined as DNS joins them, verifies the
		// signature
		String raw = GreenMailUtil.getWholeMessage(app.greenMail().getReceivedMessages()[0]);
		assertThat(DkimVerification.verify(raw, Map.of("s2026._domainkey.introflow.example", published(keygen.out()))))
			.isEqualTo("introflow.example");
	}

	@Test
	void splitsTheRecordIntoStringsOfAtMost255Characters() {
		Installation.Run keygen = app.run("dkim", "keygen", "--domain", "firm.example", "--selector", "big", "--bits",
				"4096");

		String line = keygen.out().lines().filter(l -> l.contains("IN TXT")).findFirst().orElseThrow();
		assertThat(line).startsWith("  big._domainkey.firm.example. IN TXT \"v=DKIM1; k=rsa; p=");
		Matcher strings = Pattern.compile("\"([^\"]*)\"").matcher(line);
		int count = 0;
		while (strings.find()) {
			assertThat(strings.group(1).length()).isLessThanOrEqualTo(255);
			count++;
		}
		assertThat(count).isGreaterThan(2);
	}

	@Test
	void refusesToOverwriteAnExistingKeyWithExitCodeTwo() throws Exception {
		Path file = app.home().resolve("mine.pem");
		Files.writeString(file, "in use");

		Installation.Run again = app.run("dkim", "keygen", "--domain", "firm.example", "--selector", "s", "--out",
				file.toString());

		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains(file.toString(), "already exists");
		assertThat(Files.readString(file)).isEqualTo("in use");
	}

	/**
	 * The TXT value of the printed record: its quoted strings joined, as a resolver joins
	 * them.
	 */
	static String published(String output) {
		String line = output.lines().filter(l -> l.contains("IN TXT")).findFirst().orElseThrow();
		StringBuilder value = new StringBuilder();
		Matcher strings = Pattern.compile("\"([^\"]*)\"").matcher(line);
		while (strings.find()) {
			value.append(strings.group(1));
		}
		return value.toString();
	}

}
