package io.introflow.outbound;

import io.introflow.IntroflowException;

/**
 * An email that must not be sent because a field is missing, an address is not strictly
 * valid, or a header value contains a line break that could add a header or a recipient.
 */
public class UnsafeEmailException extends IntroflowException {

	public UnsafeEmailException(String field, String value, String reason) {
		super("unsafe email: " + field + " '" + value + "' " + reason);
	}

}
