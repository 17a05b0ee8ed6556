package io.introflow.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * batch-config/sending.yml at work: daily caps, sending windows, dry runs, one-click
 * unsubscribe and DKIM.
 */
class SendingLimitsTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv", """
				email,name,relationship,owner_email,time_zone
				a@x.example,Ann A,customer,maria@introflow.example,Asia/Tokyo
				b@x.example,Ben B,customer,maria@introflow.example,Asia/Tokyo
				c@x.example,Cy C,customer,maria@introflow.example,Asia/Tokyo
				d@x.example,Di D,customer,james@introflow.example,Asia/Tokyo
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				a@x.example,praise,2026-03-01
				b@x.example,praise,2026-03-01
				c@x.example,praise,2026-03-01
				d@x.example,praise,2026-03-01
				""");
	}

	private void sendingConfig(String yaml) throws IOException {
		Files.writeString(app.home().resolve("batch-config/sending.yml"), "introflow:\n  sending:\n" + yaml.indent(4));
	}

	@Test
	void holdsWhatIsOverAnOwnersDailyCapForTheNextRun() throws Exception {
		sendingConfig("per-sender-daily-cap: 2\n");

		Installation.Run night = app.run("run", "nightly", "--date=2026-03-02");
		Installation.Run again = app.run("send");

		assertThat(night.out()).contains("3 sent, 0 failed, 0 retried, 1 held for the next run");
		assertThat(app.count(
				"SELECT COUNT(*) FROM outbound_email WHERE sender = 'maria@introflow.example' " + "AND state = 'SENT'"))
			.isEqualTo(2);
		assertThat(app.count(
				"SELECT COUNT(*) FROM outbound_email WHERE sender = 'james@introflow.example' " + "AND state = 'SENT'"))
			.isEqualTo(1);
		assertThat(again.out()).contains("0 sent", "1 held");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(3);
	}

	@Test
	void sendsOnlyInsideTheRecipientsWindowInTheirTimeZone() throws Exception {
		DayOfWeek tokyoToday = ZonedDateTime.now(ZoneOffset.UTC)
			.withZoneSameInstant(java.time.ZoneId.of("Asia/Tokyo"))
			.getDayOfWeek();
		sendingConfig("window:\n  start: \"00:00\"\n  end: \"23:59\"\n  days: [" + tokyoToday.plus(1) + "]\n");
		Installation.Run closed = app.run("run", "nightly", "--date=2026-03-02");
		assertThat(closed.out()).contains("0 sent", "4 held for the next run");
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();

		sendingConfig("window:\n  start: \"00:00\"\n  end: \"23:59\"\n  days: [" + tokyoToday + "]\n");
		Installation.Run open = app.run("send");

		assertThat(open.out()).contains("4 sent");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(4);
	}

	@Test
	void aDryRunWritesTheQueuedEmailsAndSendsNothing() throws Exception {
		sendingConfig("window:\n  start: \"03:00\"\n  end: \"03:01\"\n  days: [SUNDAY]\n");
		app.run("run", "nightly", "--date=2026-03-02");

		Installation.Run dry = app.run("send", "--dry-run", "--output=" + app.home().resolve("dry"));

		assertThat(dry.exitCode()).isZero();
		assertThat(dry.out()).contains("4 queued emails written to");
		try (var files = Files.list(app.home().resolve("dry"))) {
			List<Path> emls = files.toList();
			assertThat(emls).hasSize(4);
			assertThat(Files.readString(emls.get(0))).contains("Message-ID: <value.");
		}
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'")).isEqualTo(4);
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();
	}

	@Test
	void addsHttpsOneClickUnsubscribeAndADkimSignatureWhenConfigured() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		Path key = Files.write(app.home().resolve("dkim.der"), keys.getPrivate().getEncoded());
		sendingConfig(
				"public-base-url: https://intros.firm.example/\ndkim:\n  enabled: true\n  domain: introflow.example\n"
						+ "  selector: intro2026\n  private-key: " + key + "\n");

		app.run("run", "nightly", "--date=2026-03-02");

		MimeMessage message = app.greenMail().getReceivedMessages()[0];
		String token = message.getMessageID().substring("<value.".length(), message.getMessageID().indexOf('@'));
		// the https link carries the introduction's own unsubscribe token, never the
		// reply token of the mailto
		String unsubscribeToken = (String) app
			.query("SELECT p.token FROM public_link p JOIN introduction i ON i.id = p.introduction_id "
					+ "WHERE i.token = ? AND p.purpose = 'unsubscribe'", token)
			.get(0)
			.get("token");
		assertThat(unsubscribeToken).isNotEqualTo(token).hasSize(26);
		assertThat(message.getHeader("List-Unsubscribe")[0])
			.isEqualTo("<https://intros.firm.example/unsubscribe/" + unsubscribeToken + ">, <mailto:unsubscribe+"
					+ token + "@reply.introflow.example?subject=unsubscribe>");
		assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		String raw = GreenMailUtil.getWholeMessage(message);
		assertThat(raw).containsPattern("(?s)DKIM-Signature: .*d=introflow\\.example")
			.containsPattern("h=[^;]*List-Unsubscribe-Post")
			.containsPattern("s=intro2026")
			.contains("Message-ID: <value." + token + "@introflow.example>");
		assertThat(DkimVerification.verify(raw, keys.getPublic())).isTrue();
	}

	@Test
	void refusesAnUnreadableDkimKeyAtStartWithExitCodeTwo() throws Exception {
		Files.writeString(app.home().resolve("bad.der"), "not a key");
		sendingConfig("dkim:\n  enabled: true\n  domain: introflow.example\n  selector: s\n  private-key: "
				+ app.home().resolve("bad.der") + "\n");

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("introflow.sending.dkim.private-key", app.home().resolve("bad.der").toString(),
				"BEGIN RSA PRIVATE KEY", "DER");
	}

}
