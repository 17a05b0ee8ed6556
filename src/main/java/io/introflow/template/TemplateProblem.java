package io.introflow.template;

import java.util.List;

import io.introflow.IntroflowException;

/**
 * A template that does not compile or render, located as
 * {@code file:line:column: message}; one file can have several such problems, one per
 * line of the message.
 */
public class TemplateProblem extends IntroflowException {

	private final List<String> problems;

	public TemplateProblem(String location, String message, Throwable cause) {
		this(List.of(location + ": " + message), cause);
	}

	TemplateProblem(List<String> problems, Throwable cause) {
		super(String.join("\n", problems), cause);
		this.problems = List.copyOf(problems);
	}

	/** Each problem as {@code file:line:column: message}. */
	public List<String> problems() {
		return problems;
	}

}
