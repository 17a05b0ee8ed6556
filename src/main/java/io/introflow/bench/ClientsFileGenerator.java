package io.introflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a clients file of any size that looks like a CRM export: customers and partners, twenty owners, several
 * time zones, two extra columns, and now and then a quoted company name with a comma or a line break.
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
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			csv.printRecord("email", "name", "company", "relationship", "owner_email", "owner_name", "segment",
					"locale", "time_zone", "tier", "industry");
			for (long i = 0; i < rows; i++) {
				String first = FIRST[(int) (i % FIRST.length)];
				String last = LAST[(int) ((i / FIRST.length) % LAST.length)];
				String company = (i % 1000 == 7) ? "Acme, Holdings " + (i % 5000)
						: (i % 1000 == 9) ? "Acme\nNorth " + (i % 5000) : "Company " + (i % 5000);
				boolean partner = i % 5 == 0;
				int owner = (int) (i % 20);
				csv.printRecord("client" + i + "@company" + (i % 5000) + ".example", first + " " + last, company,
						partner ? "partner" : "customer", "rep" + owner + "@introflow.example", "Rep " + owner,
						partner ? "partner" : "customer", (i % 3 == 0) ? "de" : "en", ZONES[(int) (i % ZONES.length)],
						(i % 4 == 0) ? "gold" : "silver", INDUSTRIES[(int) (i % INDUSTRIES.length)]);
			}
		}
	}

}
