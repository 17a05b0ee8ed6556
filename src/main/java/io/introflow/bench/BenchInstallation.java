package io.introflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.introflow.IntroflowException;

/**
 * A generated installation for {@code introflow bench nightly}: a home folder with a copy
 * of an existing home's templates and batch-config, a clients file of {@code contacts}
 * rows (50 owners, six time zones, partners and customers) and a triggers file for
 * {@code triggers} of those clients, spread evenly over the file.
 */
public final class BenchInstallation {

	/** Owners (the employees who sign the emails) in the generated clients file. */
	public static final int OWNERS = 50;

	private static final String[] TYPES = { "nps_promoter", "go_live", "praise", "renewal", "testimonial" };

	private final Path home;

	private final long contacts;

	public BenchInstallation(Path home, long contacts) {
		this.home = home;
		this.contacts = contacts;
	}

	public Path home() {
		return home;
	}

	/**
	 * Copies the templates and batch-config of {@code source} (an installation folder)
	 * into this home.
	 */
	public void copyConfiguration(Path source) throws IOException {
		for (String folder : new String[] { "templates", "batch-config" }) {
			if (!Files.isDirectory(source.resolve(folder))) {
				throw new IntroflowException("no " + folder + "/ folder in " + source
						+ ": run the benchmark from an installation folder (or pass --home)");
			}
			copyTree(source.resolve(folder), home.resolve(folder));
		}
		Files.createDirectories(home.resolve("inbox"));
	}

	/** Drops the clients file into the inbox (again: the nightly import archives it). */
	public void dropClients() throws IOException {
		ClientsFileGenerator.write(home.resolve("inbox").resolve("clients.csv"), contacts, OWNERS);
	}

	/**
	 * Drops a triggers file for {@code triggers} clients into the inbox, every one on
	 * {@code occurredOn}, one in four naming the prospect the rep has in mind.
	 * @return how many triggers the file holds (fewer than asked only when there are not
	 * enough valid clients)
	 */
	public long dropTriggers(long triggers, LocalDate occurredOn) throws IOException {
		long stride = Math.max(1, contacts / Math.max(1, triggers));
		Set<Long> chosen = new HashSet<>();
		try (BufferedWriter out = Files.newBufferedWriter(home.resolve("inbox").resolve("triggers.csv"),
				StandardCharsets.UTF_8); CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			csv.printRecord("contact_email", "type", "occurred_at", "note", "prospect_name", "prospect_email",
					"prospect_company");
			for (long k = 0; k < triggers; k++) {
				// spread over the file, off the partners' rhythm (every fifth row is a
				// partner)
				long i = k * stride + k % stride;
				while (i < contacts && (ClientsFileGenerator.rejected(i) || chosen.contains(i))) {
					i++;
				}
				if (i < contacts) {
					chosen.add(i);
					trigger(csv, i, k, occurredOn);
				}
			}
		}
		return chosen.size();
	}

	private static void trigger(CSVPrinter csv, long client, long n, LocalDate occurredOn) throws IOException {
		boolean prospect = n % 4 == 0;
		csv.printRecord(ClientsFileGenerator.email(client), TYPES[(int) (n % TYPES.length)], occurredOn,
				"Benchmark trigger " + n, prospect ? "Pat Prospect" + n : "",
				prospect ? "pat" + n + "@prospect" + (n % 3000) + ".example" : "",
				prospect ? "Prospect " + (n % 3000) : "");
	}

	/** Copies a folder and everything under it, replacing files already there. */
	public static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : files.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
