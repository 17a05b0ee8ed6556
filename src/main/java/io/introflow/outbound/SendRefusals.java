package io.introflow.outbound;

import java.time.LocalDate;

/**
 * What is done when a server refuses a recipient at send time (a 5xx to {@code RCPT TO}):
 * the refusal is read like a bounce from the mailbox, by its reason. Implemented where
 * bounces are understood (the {@code inbound} package), so that the relay knows nothing
 * of bounce reasons, introductions or their events: the dependency runs from
 * {@code inbound} to {@code outbound}, never back.
 */
public interface SendRefusals {

	/**
	 * A recipient refused at send time.
	 *
	 * @param outboundId the row that was refused
	 * @param introductionId its introduction
	 * @param recipient the refused address
	 * @param code the SMTP reply code ({@code 550})
	 * @param text the server's full reply
	 * ({@code 550 5.1.1 <ghost@x>: Recipient address rejected: User unknown})
	 * @param day the day of the refusal
	 */
	record Refusal(long outboundId, long introductionId, String recipient, int code, String text, LocalDate day) {
	}

	/**
	 * Applies a refusal in its own transaction.
	 * @return whether the address is now suppressed (nothing more is sent to it in this
	 * run)
	 */
	boolean refused(Refusal refusal);

}
