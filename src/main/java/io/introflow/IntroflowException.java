package io.introflow;

/**
 * The root of Introflow's own exceptions. Messages name the thing that is wrong and what
 * to do about it.
 */
public class IntroflowException extends RuntimeException {

	public IntroflowException(String message) {
		super(message);
	}

	public IntroflowException(String message, Throwable cause) {
		super(message, cause);
	}

}
