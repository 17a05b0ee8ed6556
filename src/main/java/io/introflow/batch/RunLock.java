package io.introflow.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;

/**
 * An exclusive lock on {@code data/introflow.lock}: while it is held no other Introflow process on this installation
 * runs a job, so a job execution found still "running" in the repository must be left over from a killed process.
 * The operating system releases the lock when the process dies, however it dies.
 */
public final class RunLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private RunLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** The installation's lock: one nightly run, import, send or replies command at a time. */
	public static RunLock acquire(IntroflowProperties properties) {
		return acquire(properties.home().resolve("data").resolve("introflow.lock"));
	}

	public static RunLock acquire(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				throw new IntroflowException("another Introflow job is running on this installation (lock " + file
						+ " is held); wait for it to finish");
			}
			return new RunLock(channel, lock);
		}
		catch (IOException ex) {
			throw new IntroflowException("cannot take the run lock " + file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			lock.release();
			channel.close();
		}
		catch (IOException ex) {
			// the lock dies with the channel
		}
	}

}
