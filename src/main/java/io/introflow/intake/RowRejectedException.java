package io.introflow.intake;

import io.introflow.IntroflowException;

/**
 * Thrown by a row mapper for a row that must be rejected; carries the {@link RowError}
 * for the rejects file.
 */
public class RowRejectedException extends IntroflowException {

	private final RowError error;

	public RowRejectedException(RowError error) {
		super(error.toString());
		this.error = error;
	}

	public RowError error() {
		return error;
	}

}
