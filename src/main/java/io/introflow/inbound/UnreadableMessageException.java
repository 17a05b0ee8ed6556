package io.introflow.inbound;

/**
 * A message Introflow will not interpret, and why: it is stored, marked
 * {@code UNREADABLE} and listed for a person.
 */
class UnreadableMessageException extends Exception {

	private static final long serialVersionUID = 1L;

	UnreadableMessageException(String reason) {
		super(reason);
	}

}
