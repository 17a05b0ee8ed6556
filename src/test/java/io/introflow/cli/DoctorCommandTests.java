package io.introflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow doctor}: a key for every owner's From domain, and the records to
 * publish.
 */
class DoctorCommandTests {

	private static final Path KEYS = Path.of("src/test/resources/dkim");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		Path clients = app.inbox("clients.csv", """
				email,name,relationship,owner_email,time_zone
				a@x.example,Ann A,customer,maria@firm.example,Asia/Tokyo
				b@x.example,Ben B,customer,james@partner.example,Asia/Tokyo
				c@x.example,Cy C,customer,lee@partner.example,Asia/Tokyo
				""");
		assertThat(app.run("import", clients.toString(), "--type=clients", "--date=2026-03-02").exitCode()).isZero();
	}

	private void dkim(String yaml) throws IOException {
		Files.writeString(app.home().resolve("batch-config/sending.yml"),
				"introflow:\n  sending:\n    dkim:\n      enabled: true\n" + yaml.indent(6));
	}

	@Test
	void failsWhenAnOwnersFromDomainHasNoKey() throws Exception {
		dkim("domain: firm.example\nselector: s2026\nprivate-key: "
				+ KEYS.resolve("pkcs1-genrsa.pem").toAbsolutePath());

		Installation.Run doctor = app.run("doctor");

		assertThat(doctor.exitCode()).isEqualTo(1);
		assertThat(doctor.out()).containsPattern("ok +from domain +firm\\.example: 1 owner\\(s\\)")
			.containsPattern(
					"FAIL +from domain +partner\\.example: 2 owner\\(s\\) send From it and there is no DKIM key")
			.contains("_dmarc.partner.example. IN TXT \"v=DMARC1; p=none;");
	}

	@Test
	void passesWithAKeyForEveryOwnersDomainAndPrintsEachKeysRecord() throws Exception {
		dkim("""
				domain: firm.example
				selector: s2026
				private-key: %s
				keys:
				  - domain: partner.example
				    selector: mail
				    private-key: %s
				  - domain: introflow.example
				    selector: fwd
				    private-key: %s
				""".formatted(KEYS.resolve("pkcs1-genrsa.pem").toAbsolutePath(),
				KEYS.resolve("pkcs8-openssl3.pem").toAbsolutePath(), KEYS.resolve("pkcs1.der").toAbsolutePath()));

		Installation.Run doctor = app.run("doctor");

		assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
		assertThat(doctor.out()).doesNotContain("FAIL");
		assertThat(DkimCommandTests.published(doctor.out().substring(doctor.out().indexOf("mail._domainkey"))))
			.isEqualTo("v=DKIM1; k=rsa; p=" + publicKey("pkcs8-openssl3.pub.der"));
		assertThat(doctor.out())
			.contains("s2026._domainkey.firm.example. IN TXT \"v=DKIM1; k=rsa; p="
					+ publicKey("pkcs1-genrsa.pub.der").substring(0, 100))
			.contains("Mail to these addresses on the reply domain must reach the IMAP mailbox",
					"reply+<token>@reply.introflow.example")
			.contains("reply.introflow.example. IN MX 10");
	}

	private static String publicKey(String file) throws IOException {
		return Base64.getEncoder().encodeToString(Files.readAllBytes(KEYS.resolve(file)));
	}

}
