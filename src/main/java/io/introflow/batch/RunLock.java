package io.introflow.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;

/**
 * An exclusive lock on {@code data/introflow.lock} ({@link RunLocks} takes a PostgreSQL
 * advisory lock instead when the database is PostgreSQL): while it is held no other
 * Introflow process on this installation runs a job, so a job execution found still
 * "running" in the repository must be left over from a killed process. The operating
 * system releases the lock when the process dies, however it dies.
 * <p>
 * The holder writes what it runs, its process id and its start time into the file, so
 * that a second process refused the lock (or the database the holder has open) can name
 * the run it waits for.
 */
public final class RunLock implements AutoCloseable {

	private final AutoCloseable release;

	RunLock(AutoCloseable release) {
		this.release = release;
	}

	/**
	 * The installation's lock: one nightly run, import, send or replies command at a
	 * time.
	 * @throws RunLockHeldException when another run holds it
	 */
	public static RunLock acquire(IntroflowProperties properties, String what) {
		return acquire(file(properties.home()), what);
	}

	public static RunLock acquire(Path file, String what) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				String holder = read(channel);
				channel.close();
				throw new RunLockHeldException(holder.isEmpty() ? "lock " + file : holder);
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(describe(what).getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(false);
			return new RunLock(() -> {
				lock.release();
				channel.close();
			});
		}
		catch (IOException ex) {
			throw new IntroflowException("cannot take the run lock " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** The lock file of an installation. */
	public static Path file(Path home) {
		return home.resolve("data").resolve("introflow.lock");
	}

	/**
	 * Who holds the lock now, as it described itself
	 * ({@code run nightly 2026-12-01, process 4711, started ...}); empty when nobody
	 * holds it.
	 */
	public static Optional<String> holder(Path file) {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			FileLock probe = tryLock(channel);
			if (probe != null) {
				probe.release();
				return Optional.empty();
			}
			String holder = read(channel);
			return Optional.of(holder.isEmpty() ? "an Introflow run (lock " + file + ")" : holder);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Null when another process, or another channel of this process, holds the lock. */
	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	static String describe(String what) {
		return what + ", process " + ProcessHandle.current().pid() + ", started "
				+ Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(1024);
		channel.read(buffer, 0);
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
	}

	@Override
	public void close() {
		try {
			release.close();
		}
		catch (Exception ex) {
			// the lock dies with its file channel or database session
		}
	}

}
