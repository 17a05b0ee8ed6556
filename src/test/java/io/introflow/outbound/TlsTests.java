package io.introflow.outbound;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTPS to a relay with its own certificate, and STARTTLS "required" that never falls
 * back to plain text.
 */
class TlsTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"email,name,relationship,owner_email\nalice@acme.example,Alice,customer,m@introflow.example\n");
		app.inbox("triggers.csv", "contact_email,type,occurred_at\nalice@acme.example,praise,2026-03-01\n");
	}

	@Test
	void sendsOverSmtpsToARelayWithATrustedSelfSignedCertificate() {
		GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
		smtps.start();
		try {
			Map<String, Object> settings = new LinkedHashMap<>(app.settings());
			settings.put("introflow.smtp.ssl", "true");
			settings.put("introflow.smtp.port", String.valueOf(smtps.getSmtps().getPort()));
			settings.put("introflow.smtp.trust", "127.0.0.1");

			Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

			assertThat(run.out()).as(run.err()).contains("1 sent, 0 failed");
			assertThat(smtps.getReceivedMessages()).hasSize(1);
		}
		finally {
			smtps.stop();
		}
	}

	@Test
	void refusesToSendInPlainTextWhenStartTlsIsRequiredAndNotOffered() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.starttls", "required");
		settings.put("introflow.sending.retry.max-attempts", "2");
		settings.put("introflow.sending.retry.initial-backoff", "10ms");

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("0 sent, 1 failed");
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();
		assertThat((String) app.query("SELECT last_error FROM outbound_email").get(0).get("last_error"))
			.containsIgnoringCase("STARTTLS");
	}

}
