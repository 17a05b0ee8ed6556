package io.introflow.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;

/**
 * Reads messages from the file system. A Maildir (a folder with {@code new} and
 * {@code cur}): each file in {@code new} is stored, then moved to {@code cur} flagged
 * seen, as a mail program would. Any other folder: every {@code .eml} file in it and
 * below, left where it is (storing is idempotent, so reading it again adds nothing).
 * Files are streamed into the store, never read whole.
 */
@Component
public class FolderSource {

	private static final Logger log = LoggerFactory.getLogger(FolderSource.class);

	private final InboundStore store;

	FolderSource(InboundStore store) {
		this.store = store;
	}

	/**
	 * @return how many new messages were stored
	 */
	public int fetch(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new IntroflowException("the inbound folder " + folder + " does not exist or is not a folder");
		}
		long started = System.nanoTime();
		try {
			int stored;
			if (Files.isDirectory(folder.resolve("new")) && Files.isDirectory(folder.resolve("cur"))) {
				stored = maildir(folder);
			}
			else {
				stored = 0;
				for (Path file : files(folder)) {
					if (store.store(file, file.toAbsolutePath().toString())) {
						stored++;
					}
				}
			}
			if (stored > 0) {
				log.info("Stored {} new messages from {} in {} ms", stored, folder,
						(System.nanoTime() - started) / 1_000_000);
			}
			return stored;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the inbound folder " + folder, ex);
		}
	}

	private int maildir(Path maildir) throws IOException {
		int stored = 0;
		List<Path> fresh;
		try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
			fresh = files.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : fresh) {
			String name = file.getFileName().toString();
			Path seen = maildir.resolve("cur").resolve(name.contains(":2,") ? name : name + ":2,S");
			if (store.store(file, maildir.toAbsolutePath() + ";" + name)) {
				stored++;
			}
			Files.move(file, seen);
		}
		return stored;
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile)
				.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml"))
				.sorted()
				.toList();
		}
	}

}
