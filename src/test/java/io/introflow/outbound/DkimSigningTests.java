package io.introflow.outbound;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DKIM keys as operators have them (PEM from openssl, DER), one per From domain, each
 * message signed with the key of its own From domain and verified by Apache jDKIM against
 * the public key openssl wrote.
 */
class DkimSigningTests {

	private static final Path KEYS = Path.of("src/test/resources/dkim");

	@TempDir
	Path dir;

	private static MimeComposer composer(SendingProperties.Dkim dkim) {
		return new MimeComposer(Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC),
				new SendingProperties(null, null, null, null, null, null, dkim));
	}

	private static String send(MimeComposer composer, String from) {
		OutgoingEmail email = new OutgoingEmail("value.tok1@introflow.example", from, "Owner", "alice@acme.example",
				"Alice", "reply+tok1@reply.introflow.example", "Hello", "Hi Alice,\n", null,
				"unsubscribe+tok1@reply.introflow.example");
		return new String(composer.compose(email), StandardCharsets.ISO_8859_1);
	}

	private static String txt(String publicKeyFile) throws Exception {
		return "v=DKIM1; k=rsa; p="
				+ Base64.getEncoder().encodeToString(Files.readAllBytes(KEYS.resolve(publicKeyFile)));
	}

	@Test
	void signsEachOwnersMailWithTheKeyOfItsOwnFromDomain() throws Exception {
		// given: the old single key for one domain, and a second domain in keys
		MimeComposer composer = composer(new SendingProperties.Dkim(true, "firm.example", "s2026",
				KEYS.resolve("pkcs1-genrsa.pem"), List.of(new SendingProperties.DkimKey("Partner-Firm.example", "mail",
						KEYS.resolve("pkcs8-openssl3.pem")))));
		Map<String, String> dns = Map.of("s2026._domainkey.firm.example", txt("pkcs1-genrsa.pub.der"),
				"mail._domainkey.partner-firm.example", txt("pkcs8-openssl3.pub.der"));

		// when
		String maria = send(composer, "maria@firm.example");
		String james = send(composer, "james@Partner-Firm.example");

		// then: each verifies under its own From domain (d= aligned with From)
		assertThat(DkimVerification.verify(maria, dns)).isEqualTo("firm.example");
		assertThat(DkimVerification.verify(james, dns)).isEqualTo("partner-firm.example");
	}

	@Test
	void sendsMailFromADomainWithoutAKeyUnsigned() {
		MimeComposer composer = composer(
				new SendingProperties.Dkim(true, "firm.example", "s2026", KEYS.resolve("pkcs1-genrsa.pem"), null));

		String other = send(composer, "lee@elsewhere.example");

		assertThat(other).doesNotContain("DKIM-Signature");
	}

	@Test
	void signsWithAPkcs1DerKey() throws Exception {
		MimeComposer composer = composer(
				new SendingProperties.Dkim(true, "firm.example", "d", KEYS.resolve("pkcs1.der"), null));

		String raw = send(composer, "maria@firm.example");

		assertThat(DkimVerification.verify(raw, publicKey("pkcs1-genrsa.pub.der"))).isTrue();
	}

	@Test
	void signsWithAPkcs8DerKey() throws Exception {
		byte[] der = DkimKeys.read(KEYS.resolve("pkcs8-openssl3.pem")).getEncoded();
		Path file = Files.write(dir.resolve("key.der"), der);
		MimeComposer composer = composer(new SendingProperties.Dkim(true, "firm.example", "d", file, null));

		String raw = send(composer, "maria@firm.example");

		assertThat(DkimVerification.verify(raw, publicKey("pkcs8-openssl3.pub.der"))).isTrue();
	}

	@Test
	void derivesThePublicKeyOpensslDerivesFromEachFormat() throws Exception {
		byte[] expected = Files.readAllBytes(KEYS.resolve("pkcs1-genrsa.pub.der"));

		assertThat(DkimKeys.publicKey(DkimKeys.read(KEYS.resolve("pkcs1-genrsa.pem"))).getEncoded())
			.isEqualTo(expected);
		assertThat(DkimKeys.publicKey(DkimKeys.read(KEYS.resolve("pkcs1.der"))).getEncoded()).isEqualTo(expected);
	}

	@Test
	void refusesAFileThatIsNotAKeyNamingItAndTheAcceptedFormats() throws Exception {
		Path bad = Files.writeString(dir.resolve("dkim.pem"),
				"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

		assertThatThrownBy(() -> composer(new SendingProperties.Dkim(true, "firm.example", "s", bad, null)))
			.isInstanceOf(DkimKeyException.class)
			.hasMessageContaining(bad.toString())
			.hasMessageContaining("BEGIN RSA PRIVATE KEY")
			.hasMessageContaining("DER");
	}

	@Test
	void refusesAnEncryptedKeySayingHowToDecryptIt() throws Exception {
		Path encrypted = Files.writeString(dir.resolve("enc.pem"),
				"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");

		assertThatThrownBy(() -> DkimKeys.read(encrypted)).hasMessageContaining("encrypted")
			.hasMessageContaining("openssl pkey");
	}

	private static PublicKey publicKey(String file) throws Exception {
		return KeyFactory.getInstance("RSA")
			.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(KEYS.resolve(file))));
	}

}
