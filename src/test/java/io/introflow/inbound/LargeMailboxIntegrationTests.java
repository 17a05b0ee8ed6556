package io.introflow.inbound;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The night of issue 13 in a JVM of its own with a 256 MB heap: a 30 MB reply, a message
 * of 10,000 nested multiparts and 2,000 ordinary replies waiting in the inbound folder.
 * Every message is stored, the large one is read, the nested one is kept as
 * {@code UNREADABLE}, and the night completes.
 */
class LargeMailboxIntegrationTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void storesAndReadsEveryMessageAndCompletesTheNightWithA256MbHeap() throws Exception {
		// given
		Path folder = Files.createDirectories(app.home().resolve("mail-in"));
		Mails.withAttachment(folder.resolve("0000-large.eml"), "<large@acme.example>",
				"reply+t1ann@reply.introflow.example", "What does it cost? See the slides.", 22_500_000);
		Files.writeString(folder.resolve("0001-nested.eml"), Mails.nested(10_000));
		for (int i = 0; i < 2_000; i++) {
			Files.writeString(folder.resolve(String.format("%04d-reply.eml", i + 2)),
					Mails.reply("<r" + i + "@client.example>", "Client " + i + " <c" + i + "@client.example>",
							"someone@reply.introflow.example", "Thanks, yes please, sounds good.", ""),
					StandardCharsets.UTF_8);
		}
		assertThat(Files.size(folder.resolve("0000-large.eml"))).isGreaterThan(30_000_000);

		// when
		Process night = app.startChild("256m",
				Map.of("introflow.inbound.source", "folder", "introflow.inbound.folder", folder.toString()), "run",
				"nightly", "--date=2026-11-20");
		boolean ended = night.waitFor(120, TimeUnit.SECONDS);
		if (!ended) {
			night.destroyForcibly().waitFor();
		}

		// then
		String log = Files.readString(app.home().resolve("child.log"));
		assertThat(ended).as(log).isTrue();
		assertThat(night.exitValue()).as(log).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message")).isEqualTo(2_002);
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message WHERE processed_at IS NULL")).isZero();
		List<Map<String, Object>> first = app.query(
				"SELECT raw_size, classification, evidence FROM inbound_message ORDER BY source FETCH FIRST 2 ROWS ONLY");
		assertThat((Long) first.get(0).get("raw_size")).isGreaterThan(30_000_000);
		assertThat(first.get(0).get("classification")).isEqualTo("QUESTION");
		assertThat(first.get(1).get("classification")).isEqualTo("UNREADABLE");
		assertThat((String) first.get(1).get("evidence")).contains("nested deeper than");
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message WHERE classification = 'AGREED'")).isEqualTo(2_000);
	}

}
