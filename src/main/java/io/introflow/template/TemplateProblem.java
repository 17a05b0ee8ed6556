package io.introflow.template;

import io.introflow.IntroflowException;

/**
 * A template that does not compile or render, located as {@code file:line:column: message}.
 */
public class TemplateProblem extends IntroflowException {

	public TemplateProblem(String location, String message, Throwable cause) {
		super(location + ": " + message, cause);
	}

}
