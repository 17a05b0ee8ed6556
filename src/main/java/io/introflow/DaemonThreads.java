package io.introflow;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for a pool of background work that must never keep the JVM alive
 * ({@code name-1}, {@code name-2}, ...): the command ends when its work ends, whatever a
 * pool still holds.
 */
public final class DaemonThreads implements ThreadFactory {

	private final String name;

	private final AtomicInteger count = new AtomicInteger();

	public DaemonThreads(String name) {
		this.name = name;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
