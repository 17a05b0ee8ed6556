package io.introflow.cli;

import io.introflow.IntroflowException;

/**
 * The configuration cannot be used: a file, key or value is wrong. Exit code 2.
 */
class ConfigurationProblem extends IntroflowException {

	ConfigurationProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
