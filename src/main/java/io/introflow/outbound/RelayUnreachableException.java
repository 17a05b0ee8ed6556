package io.introflow.outbound;

/**
 * No SMTP session could be opened because the relay did not answer: no TCP connection, or
 * no greeting.
 */
final class RelayUnreachableException extends Exception {

	RelayUnreachableException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
