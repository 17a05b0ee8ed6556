package io.introflow.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.introflow.web.ConsoleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow console hash-password}: a hash the console accepts as a user's
 * password.
 */
class ConsoleCommandTests {

	private static final PasswordEncoder CONSOLE = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void printsABcryptHashOfThePasswordReadFromStandardInput() {
		Run run = hashPassword("correct horse battery staple\n", "--cost", "4");

		assertThat(run.code()).isZero();
		String hash = run.out().strip();
		assertThat(hash).startsWith("{bcrypt}$2a$04$").doesNotContain("correct horse");
		assertThat(CONSOLE.matches("correct horse battery staple", hash)).isTrue();
		assertThat(CONSOLE.matches("correct horse battery", hash)).isFalse();
		// the settings take it as it is printed
		assertThat(new ConsoleProperties.User("ops", hash, ConsoleProperties.Role.OPS).password()).isEqualTo(hash);
	}

	@Test
	void theDefaultCostIsTwelve() {
		Run run = hashPassword("s3cret\n");

		assertThat(run.code()).isZero();
		assertThat(run.out().strip()).startsWith("{bcrypt}$2a$12$");
		assertThat(CONSOLE.matches("s3cret", run.out().strip())).isTrue();
	}

	@Test
	void anEmptyInputIsBadUsageAndPrintsNoHash() {
		Run run = hashPassword("", "--cost", "4");

		assertThat(run.code()).isEqualTo(IntroflowMain.BAD_USAGE);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("no password given on standard input");
	}

	private static Run hashPassword(String input, String... options) {
		InputStream before = System.in;
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		String[] args = new String[options.length + 2];
		args[0] = "console";
		args[1] = "hash-password";
		System.arraycopy(options, 0, args, 2, options.length);
		try {
			System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
			int code = IntroflowMain.execute(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
			return new Run(code, out.toString(), err.toString());
		}
		finally {
			System.setIn(before);
		}
	}

	private record Run(int code, String out, String err) {
	}

}
