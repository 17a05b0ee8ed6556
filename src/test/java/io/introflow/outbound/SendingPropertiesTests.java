package io.introflow.outbound;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The public base URL: https, or plain http on this machine only (the demo's pages). */
class SendingPropertiesTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://intros.firm.example", "https://intros.firm.example/base/",
			"http://localhost:8080", "http://127.0.0.1:8080/", "http://[::1]:8080", "HTTP://LOCALHOST" })
	void acceptsHttpsAndPlainHttpOnThisMachine(String url) {
		assertThat(withBase(url).publicBaseUrl()).isEqualTo(URI.create(url));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://intros.firm.example", "http://localhost.evil.example", "http://10.0.0.5:8080",
			"ftp://localhost/", "mailto:someone@localhost" })
	void refusesPlainHttpElsewhere(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> withBase(url))
			.withMessageContaining("introflow.sending.public-base-url must be an https URL");
	}

	private static SendingProperties withBase(String url) {
		return new SendingProperties(null, null, null, null, null, URI.create(url), null);
	}

}
