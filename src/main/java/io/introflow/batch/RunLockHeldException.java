package io.introflow.batch;

import io.introflow.IntroflowException;

/**
 * The run lock is held by another run (another process, or another run in this one): the
 * scheduler of {@code serve} skips its tick on it, the CLI stops with its message.
 */
public class RunLockHeldException extends IntroflowException {

	private final String holder;

	RunLockHeldException(String holder) {
		super("another Introflow run holds this installation (" + holder + "); wait for it to finish, or stop it");
		this.holder = holder;
	}

	/**
	 * The run that holds the lock, as it described itself
	 * ({@code run nightly 2026-12-01, process 4711, ...}).
	 */
	public String holder() {
		return holder;
	}

}
