package io.introflow.intake;

import io.introflow.IntroflowException;

/**
 * A problem with a whole file (a missing required column, bytes that are not in the
 * declared character set, a quote that never closes): nothing is imported from that file,
 * and the message says what to fix.
 */
public class FileProblem extends IntroflowException {

	public FileProblem(String message) {
		super(message);
	}

	public FileProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
