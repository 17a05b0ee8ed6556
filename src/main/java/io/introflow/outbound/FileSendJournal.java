package io.introflow.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The send journal of the one process that sends on H2 ({@code data/outbox.journal}): an
 * append-only file, next to the database, of what the relay did with the rows it claimed:
 * {@code C} claimed, {@code A} handed to the server, {@code S} accepted by the server,
 * {@code R} released (the row left {@code SENDING} in the database). A line costs a write
 * to the file system instead of a database commit, which lets the relay claim rows ahead
 * and mark them {@code SENT} in batches while a crash still leaves at most one row per
 * connection in doubt.
 * <p>
 * After a crash, a row still {@code SENDING} is decided by the last line about it:
 * {@code S} delivered, {@code C} never handed over (queued again), {@code A} in doubt.
 * The {@code C} line is written before the claim commits, so a claimed row always has
 * one; a row the journal does not know (the file was lost) stays in doubt: losing the
 * journal can never cause a resend.
 */
final class FileSendJournal implements SendJournal {

	private final Path file;

	private final FileChannel channel;

	private FileSendJournal(Path file) {
		this.file = file;
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the send journal " + file, ex);
		}
	}

	/**
	 * Starts an empty journal; call only after {@link #read} and after the database holds
	 * what it said.
	 */
	static FileSendJournal start(Path file) {
		return new FileSendJournal(file);
	}

	/**
	 * The last word about each row, from a journal a stopped run left behind (empty when
	 * there is none).
	 */
	static Map<Long, Fate> read(Path file) {
		Map<Long, Fate> fates = new HashMap<>();
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return fates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the send journal " + file, ex);
		}
		String[] lines = text.split("\n", -1);
		// the last piece has no newline: empty, or a line the crash cut short, whose last
		// id may be half a number
		for (int n = 0; n < lines.length - 1; n++) {
			String[] parts = lines[n].split(" ");
			Fate fate = switch (parts[0]) {
				case "C" -> Fate.CLAIMED;
				case "A" -> Fate.ATTEMPTED;
				case "S" -> Fate.DELIVERED;
				case "R" -> Fate.RELEASED;
				default -> throw new IllegalStateException(file + " line " + (n + 1) + " is not a journal line");
			};
			for (int i = 1; i < parts.length; i++) {
				fates.put(Long.parseLong(parts[i]), fate);
			}
		}
		return fates;
	}

	@Override
	public void claimed(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			StringBuilder line = new StringBuilder("C");
			ids.forEach(id -> line.append(' ').append(id));
			append(line);
		}
	}

	@Override
	public void attempting(long id) {
		append("A " + id);
	}

	@Override
	public void delivered(long id) {
		append("S " + id);
	}

	@Override
	public void released(long id) {
		append("R " + id);
	}

	/**
	 * Writes one whole line with one write call: it is in the operating system's hands
	 * when this returns, so it survives the process being killed (like the database's
	 * commits, it is not forced to disk).
	 */
	private synchronized void append(CharSequence line) {
		ByteBuffer bytes = StandardCharsets.US_ASCII.encode(line + "\n");
		try {
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the send journal " + file, ex);
		}
	}

	@Override
	public void close() {
		try {
			channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot close the send journal " + file, ex);
		}
	}

	/** Removes a closed journal once everything it said is in the database. */
	static void discard(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove the send journal " + file, ex);
		}
	}

}
