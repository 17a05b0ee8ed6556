package io.introflow.outbound;

import java.net.SocketTimeoutException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import io.introflow.outbound.AttemptVerdict.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule for a failed attempt: the answer after the final '.' is final, a missing one
 * leaves the email in doubt.
 */
class AttemptVerdictTests {

	private static final SendingProperties.Retry RETRY = new SendingProperties.Retry(5, null, null, false);

	private static final MessagingException NO_ANSWER = new MessagingException("Exception reading response",
			new SocketTimeoutException("Read timed out"));

	@Test
	void aMissingAnswerAfterTheFinalDotLeavesTheEmailInDoubt() {
		AttemptVerdict verdict = AttemptVerdict.of(NO_ANSWER, true, null, 1, RETRY);

		assertThat(verdict.outcome()).isEqualTo(Outcome.IN_DOUBT);
		assertThat(verdict.reason())
			.startsWith("no answer after the final '.' of DATA: SocketTimeoutException: " + "Read timed out");
		assertThat(verdict.resetConnection()).isTrue();
	}

	@Test
	void aDeadlineAfterTheFinalDotIsNamedInTheReason() {
		AttemptVerdict verdict = AttemptVerdict.of(NO_ANSWER, true,
				"no complete reply within the command deadline " + "of 2 s", 1, RETRY);

		assertThat(verdict.outcome()).isEqualTo(Outcome.IN_DOUBT);
		assertThat(verdict.reason()).contains("command deadline of 2 s");
	}

	@Test
	void aMissingAnswerBeforeTheFinalDotIsRetriedUntilTheLastAttempt() {
		assertThat(AttemptVerdict.of(NO_ANSWER, false, null, 4, RETRY).outcome()).isEqualTo(Outcome.RETRY);
		assertThat(AttemptVerdict.of(NO_ANSWER, false, null, 5, RETRY).reason())
			.startsWith("gave up after 5 attempts: Exception reading response");
	}

	@Test
	void theResendSettingRetriesAnEmailThatWouldBeInDoubt() {
		SendingProperties.Retry resend = new SendingProperties.Retry(5, null, null, true);

		AttemptVerdict verdict = AttemptVerdict.of(NO_ANSWER, true, null, 1, resend);

		assertThat(verdict.outcome()).isEqualTo(Outcome.RETRY);
		assertThat(verdict.reason()).endsWith("resent as retry.resend-in-doubt is on");
	}

	@Test
	void anAnswerAfterTheFinalDotIsFinalForTheAttempt() throws Exception {
		InternetAddress to = new InternetAddress("a@x.example");
		MessagingException greylisted = new SMTPSendFailedException(".", 451, "451 4.3.0 try later", null, null,
				new InternetAddress[] { to }, null);
		MessagingException spam = new SMTPSendFailedException(".", 554, "554 5.7.1 spam", null, null,
				new InternetAddress[] { to }, null);

		assertThat(AttemptVerdict.of(greylisted, true, null, 1, RETRY))
			.isEqualTo(new AttemptVerdict(Outcome.RETRY, "451 4.3.0 try later", false, false));
		assertThat(AttemptVerdict.of(spam, true, null, 1, RETRY))
			.isEqualTo(new AttemptVerdict(Outcome.FAIL, "554 5.7.1 spam", false, false));
	}

	@Test
	void anUnknownRecipientFailsAndIsSuppressed() throws Exception {
		MessagingException unknown = new SMTPSendFailedException("RCPT", 550, "Invalid Addresses",
				new SMTPAddressFailedException(new InternetAddress("a@x.example"), "RCPT", 550, "550 5.1.1 unknown"),
				null, null, null);

		AttemptVerdict verdict = AttemptVerdict.of(unknown, false, null, 1, RETRY);

		assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(verdict.suppressRecipient()).isTrue();
	}

	@Test
	void aRefusedRecipientKeepsTheServersFullReplyNotTheSummary() throws Exception {
		String reply = "550 5.1.1 <ghost@x.example>: Recipient address rejected: User unknown";
		MessagingException refused = new SMTPSendFailedException("RCPT", 550, "Invalid Addresses",
				new SMTPAddressFailedException(new InternetAddress("ghost@x.example"), "RCPT", 550, reply + "\n"), null,
				null, null);

		AttemptVerdict verdict = AttemptVerdict.of(refused, false, null, 1, RETRY);

		assertThat(verdict.reason()).isEqualTo(reply);
	}

}
