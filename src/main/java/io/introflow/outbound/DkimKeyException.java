package io.introflow.outbound;

import io.introflow.IntroflowException;

/**
 * A DKIM key file that cannot be used: unreadable, not an RSA key, encrypted, or named
 * twice.
 */
public class DkimKeyException extends IntroflowException {

	public DkimKeyException(String message) {
		super(message);
	}

}
