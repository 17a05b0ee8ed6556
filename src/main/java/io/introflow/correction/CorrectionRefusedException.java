package io.introflow.correction;

import io.introflow.IntroflowException;

/**
 * A correction that cannot be made as asked: an unknown token or message, or nothing to
 * correct.
 */
public class CorrectionRefusedException extends IntroflowException {

	public CorrectionRefusedException(String message) {
		super(message);
	}

}
