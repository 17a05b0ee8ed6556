package io.introflow.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STARTTLS and AUTH over the relay's own sockets: a SubEthaSMTP relay that requires both
 * (GreenMail's self-signed certificate, pinned with {@code introflow.smtp.trust}) gets
 * the message only over TLS and with the right password.
 */
class StartTlsAuthTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	SMTPServer smtp;

	final List<String> logins = new CopyOnWriteArrayList<>();

	final List<String> delivered = new CopyOnWriteArrayList<>();

	@BeforeEach
	void install() throws Exception {
		app.inbox("clients.csv",
				"email,name,relationship,owner_email\nalice@acme.example,Alice,customer,m@introflow.example\n");
		app.inbox("triggers.csv", "contact_email,type,occurred_at\nalice@acme.example,praise,2026-03-01\n");
		smtp = SMTPServer.port(0)
			.hostName("127.0.0.1")
			.enableTLS()
			.requireTLS()
			.startTlsSocketFactory(selfSigned())
			.requireAuth()
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.messageHandlerFactory(this::handler)
			.build();
		smtp.start();
	}

	@AfterEach
	void stop() {
		smtp.stop();
	}

	@Test
	void sendsOverStartTlsWithAuth() throws Exception {
		Installation.Run run = app.run(settings("s3cret"), "run", "nightly", "--date=2026-03-02");

		assertThat(run.out()).as(run.err()).contains("1 sent, 0 failed");
		assertThat(logins).containsExactly("relay-user");
		assertThat(delivered).hasSize(1);
	}

	@Test
	void aWrongPasswordSendsNothingAndFailsTheEmailWithTheServersAnswer() throws Exception {
		Installation.Run run = app.run(settings("wrong"), "run", "nightly", "--date=2026-03-02");

		assertThat(run.out()).as(run.err()).contains("0 sent, 1 failed");
		assertThat(delivered).isEmpty();
		assertThat((String) app.query("SELECT last_error FROM outbound_email").get(0).get("last_error"))
			.startsWith("gave up after 2 attempts")
			.containsIgnoringCase("authentication");
	}

	private Map<String, Object> settings(String password) {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf(smtp.getPortAllocated()));
		settings.put("introflow.smtp.starttls", "required");
		settings.put("introflow.smtp.trust", "127.0.0.1");
		settings.put("introflow.smtp.username", "relay-user");
		settings.put("introflow.smtp.password", password);
		settings.put("introflow.sending.retry.max-attempts", "2");
		settings.put("introflow.sending.retry.initial-backoff", "10ms");
		return settings;
	}

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!username.equals("relay-user") || !password.equals("s3cret")) {
			throw new LoginFailedException();
		}
		logins.add(username);
	}

	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			@Override
			public void from(String from) {
			}

			@Override
			public void recipient(String recipient) {
			}

			@Override
			public String data(InputStream data) throws IOException {
				data.transferTo(new ByteArrayOutputStream());
				// the server takes a message only after STARTTLS and AUTH (requireTLS,
				// requireAuth)
				delivered.add(context.getSessionId());
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	/** GreenMail's self-signed certificate and key. */
	private static SSLContext selfSigned() throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = StartTlsAuthTests.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(keys, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(factory.getKeyManagers(), null, null);
		return context;
	}

}
