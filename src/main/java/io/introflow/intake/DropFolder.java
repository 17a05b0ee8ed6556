package io.introflow.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inbox marketing ops drop files into: files of a kind are picked up in name order,
 * moved to {@code processed/<date>/} once imported, and to {@code failed/<date>/} with
 * the reason next to them otherwise. Both folders sit next to the inbox.
 */
public final class DropFolder {

	private final Path inbox;

	public DropFolder(Path inbox) {
		this.inbox = inbox;
	}

	public Path inbox() {
		return inbox;
	}

	/** The files of a kind waiting in the inbox, in name order. */
	public List<Path> waiting(CsvLayout layout) {
		if (!Files.isDirectory(inbox)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(inbox)) {
			return files.filter(Files::isRegularFile)
				.filter(p -> layout.accepts(p.getFileName().toString()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the inbox " + inbox, ex);
		}
	}

	public Path processed(Path file, LocalDate day) {
		return move(file, folder("processed", day));
	}

	/**
	 * Moves a file that could not be imported, with {@code <name>.reason.txt} beside it.
	 */
	public Path failed(Path file, LocalDate day, String reason) {
		Path target = move(file, folder("failed", day));
		try {
			Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reason + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the reason next to " + target, ex);
		}
		return target;
	}

	private Path folder(String name, LocalDate day) {
		return inbox.toAbsolutePath().getParent().resolve(name).resolve(day.toString());
	}

	private static Path move(Path file, Path folder) {
		try {
			Files.createDirectories(folder);
			Path target = folder.resolve(file.getFileName());
			for (int i = 2; Files.exists(target); i++) {
				// a file of the same name came twice on one day: keep both
				target = folder.resolve(file.getFileName() + "." + i);
			}
			return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot move " + file + " to " + folder, ex);
		}
	}

}
