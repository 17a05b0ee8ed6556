package io.introflow.outbound;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What one failed attempt at a message means, decided from the server's answer alone:
 * <ul>
 * <li>a 5xx answer fails the message; a 5xx for the recipient is a refusal, read like a
 * bounce by its reason ({@link SendRefusals});</li>
 * <li>a 4xx answer, or no answer before the final {@code .} of DATA, is tried again after
 * a backoff;</li>
 * <li>no answer after the final {@code .} (an I/O error, a dropped connection, a timeout
 * or a deadline) leaves the message in doubt: the server may have it, so it is never
 * resent on its own, unless {@code resendInDoubt}.</li>
 * </ul>
 *
 * @param outcome what to do with the row
 * @param reason the server's answer, or what happened instead, for {@code last_error};
 * for a refused recipient the server's full reply to {@code RCPT TO}, not Angus Mail's
 * summary ({@code Invalid Addresses})
 * @param suppressRecipient a 5xx for the recipient: a refusal to be read like a bounce
 * @param resetConnection the connection is no good any more (a 421, or no answer)
 */
record AttemptVerdict(Outcome outcome, String reason, boolean suppressRecipient, boolean resetConnection) {

	enum Outcome {

		RETRY, FAIL, IN_DOUBT

	}

	/**
	 * @param finalDotSent whether the final {@code .} had been sent when the attempt
	 * failed
	 * @param deadline the deadline that closed the connection, or null
	 * @param attempt this attempt's number, from 1
	 */
	static AttemptVerdict of(MessagingException ex, boolean finalDotSent, String deadline, int attempt,
			SendingProperties.Retry retry) {
		int code = replyCode(ex);
		if (code >= 500 && code < 600) {
			return new AttemptVerdict(Outcome.FAIL, answer(code, ex), hasAddressFailure(ex), false);
		}
		if (code >= 400 && code < 500) {
			boolean reset = code != 450 && code != 451 && code != 452;
			return retryOrGiveUp(answer(code, ex), reset, attempt, retry);
		}
		String what = (deadline != null) ? deadline : rootMessage(ex);
		if (!finalDotSent) {
			return retryOrGiveUp(message(ex) + ((deadline != null) ? " (" + deadline + ")" : ""), true, attempt, retry);
		}
		String noAnswer = "no answer after the final '.' of DATA: " + what;
		if (retry.resendInDoubt()) {
			return retryOrGiveUp(noAnswer + "; resent as retry.resend-in-doubt is on", true, attempt, retry);
		}
		return new AttemptVerdict(Outcome.IN_DOUBT,
				noAnswer + "; the server may have delivered it, so it is not resent", false, true);
	}

	private static AttemptVerdict retryOrGiveUp(String reason, boolean reset, int attempt,
			SendingProperties.Retry retry) {
		if (attempt >= retry.maxAttempts()) {
			return new AttemptVerdict(Outcome.FAIL, "gave up after " + attempt + " attempts: " + reason, false, reset);
		}
		return new AttemptVerdict(Outcome.RETRY, reason, false, reset);
	}

	/**
	 * The server's answer, starting with its code (Angus Mail's message usually does
	 * already). For a refused recipient, the reply to its {@code RCPT TO}: the outer
	 * exception only says {@code Invalid Addresses}.
	 */
	private static String answer(int code, MessagingException ex) {
		MessagingException refusal = addressFailure(ex);
		String message = message(refusal != null ? refusal : ex);
		return message.startsWith(String.valueOf(code)) ? message : code + " " + message;
	}

	private static String message(MessagingException ex) {
		return String.valueOf(ex.getMessage()).strip();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (nextOf(root) != null) {
			root = nextOf(root);
		}
		String text = String.valueOf(root.getMessage()).strip();
		return (root == ex) ? text : root.getClass().getSimpleName() + ": " + text;
	}

	private static Throwable nextOf(Throwable t) {
		Throwable next = (t instanceof MessagingException m && m.getNextException() != null) ? m.getNextException()
				: t.getCause();
		return (next == t) ? null : next;
	}

	private static int replyCode(MessagingException ex) {
		for (Exception e = ex; e != null; e = (e instanceof MessagingException m) ? m.getNextException() : null) {
			if (e instanceof SMTPAddressFailedException a) {
				return a.getReturnCode();
			}
			if (e instanceof SMTPSendFailedException s) {
				return s.getReturnCode();
			}
		}
		return -1;
	}

	private static boolean hasAddressFailure(MessagingException ex) {
		return addressFailure(ex) != null;
	}

	private static SMTPAddressFailedException addressFailure(MessagingException ex) {
		for (Exception e = ex; e != null; e = (e instanceof MessagingException m) ? m.getNextException() : null) {
			if (e instanceof SMTPAddressFailedException a) {
				return a;
			}
		}
		return null;
	}

}
