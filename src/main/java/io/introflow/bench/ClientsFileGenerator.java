package io.introflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a clients file of any size that looks like a CRM export: customers and partners
 * (one in five), twenty owners (or as many as asked), six time zones, two extra columns,
 * and now and then a quoted company name with a comma or a line break (the one row in a
 * thousand that the import rejects).
 */
public final class ClientsFileGenerator {

	private static final String[] FIRST = { "Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Grace", "Hiroshi",
			"Isabel", "Jonas", "Kate", "Luca", "Mia", "Nora", "Oskar", "Priya" };

	private static final String[] LAST = { "Berg", "Carter", "Dubois", "Kim", "Yılmaz", "Haddad", "Liu", "Tanaka",
			"Moreno", "Weber", "Murphy", "Rossi", "Jansen", "Fields", "Nilsson", "Patel" };

	private static final String[] ZONES = { "Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo",
			"Europe/Madrid", "Australia/Sydney" };

	private static final String[] INDUSTRIES = { "Logistics", "Healthcare", "Software", "Retail", "Energy" };

	private ClientsFileGenerator() {
	}

	public static void write(Path file, long rows) throws IOException {
		write(file, rows, 20);
	}

	public static void write(Path file, long rows, int owners) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			csv.printRecord("email", "name", "company", "relationship", "owner_email", "owner_name", "segment",
					"locale", "time_zone", "tier", "industry");
			for (long i = 0; i < rows; i++) {
				String first = FIRST[(int) (i % FIRST.length)];
				String last = LAST[(int) ((i / FIRST.length) % LAST.length)];
				String company = (i % 1000 == 7) ? "Acme, Holdings " + (i % 5000)
						: rejected(i) ? "Acme\nNorth " + (i % 5000) : "Company " + (i % 5000);
				boolean partner = i % 5 == 0;
				int owner = (int) (i % owners);
				csv.printRecord(email(i), first + " " + last, company, partner ? "partner" : "customer",
						"rep" + owner + "@introflow.example", "Rep " + owner, partner ? "partner" : "customer",
						(i % 3 == 0) ? "de" : "en", ZONES[(int) (i % ZONES.length)], (i % 4 == 0) ? "gold" : "silver",
						INDUSTRIES[(int) (i % INDUSTRIES.length)]);
			}
		}
	}

	/** The address of row {@code i}. */
	public static String email(long i) {
		return "client" + i + "@company" + (i % 5000) + ".example";
	}

	/**
	 * Whether row {@code i} has a line break in its company name, which the import
	 * rejects.
	 */
	public static boolean rejected(long i) {
		return i % 1000 == 9;
	}

}
