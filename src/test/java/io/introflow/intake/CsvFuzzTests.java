package io.introflow.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.introflow.contact.ContactRowMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Generated clients files (stray and doubled quotes, mixed delimiters and line endings,
 * byte order marks, control characters, encoded words, formulas, long values, bytes that
 * are not UTF-8) read and mapped as the nightly import does, with a small row limit so
 * that run-on rows come up often. Each file either fails as a whole with a reason before
 * any row is handed out, or every row it has is imported or rejected with file, line,
 * column and reason; the rejects file written from them is safe to open. Nothing hangs:
 * each file is done within seconds.
 */
class CsvFuzzTests {

	private static final int MAX_ROW = 2_000;

	private static final CsvDialect DIALECT = new CsvDialect(StandardCharsets.UTF_8, null, MAX_ROW);

	private static Path dir;

	private final ContactRowMapper mapper = new ContactRowMapper(List.of());

	@BeforeContainer
	static void createFolder() throws IOException {
		dir = Files.createTempDirectory("csv-fuzz");
	}

	@AfterContainer
	static void removeFolder() throws IOException {
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(dir);
	}

	@Property(tries = 500)
	void everyRowIsImportedOrRejectedWithAReasonOrTheFileFailsWithOne(@ForAll("clientsFiles") byte[] content)
			throws IOException {
		Path file = Files.write(dir.resolve("clients.csv"), content);
		Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read(file));
		Statistics.label("file").collect((outcome.problem != null) ? "failed as a whole" : "read");
		Statistics.label("rows")
			.collect((outcome.imported > 0 && !outcome.rejects.isEmpty()) ? "imported and rejected"
					: (outcome.imported > 0) ? "imported only" : outcome.rejects.isEmpty() ? "none" : "rejected only");

		if (outcome.problem != null) {
			assertThat(outcome.problem.getMessage()).startsWith("clients.csv: ").hasSizeGreaterThan(20);
			assertThat(outcome.imported + outcome.rejects.size()).as("rows handed out from a failed file").isZero();
		}
		else {
			assertThat(outcome.imported + outcome.rejects.size()).as("rows counted by the check")
				.isEqualTo(outcome.rows);
		}
		for (RowError error : outcome.rejects) {
			assertThat(error.file()).isEqualTo("clients.csv");
			assertThat(error.line()).isGreaterThanOrEqualTo(2);
			assertThat(error.column()).isNotBlank();
			assertThat(error.reason()).isNotBlank();
		}
		assertSafeToOpen(outcome.rejects);
	}

	private record Outcome(FileProblem problem, long rows, long imported, List<RowError> rejects) {
	}

	private Outcome read(Path file) {
		List<FileProblem> problems = new ArrayList<>();
		long[] counted = { 0 };
		CsvImportReader reader = new CsvImportReader(() -> List.of(file), ContactRowMapper.LAYOUT, DIALECT,
				new CsvImportReader.Listener() {

					@Override
					public void failed(Path failed, FileProblem problem) {
						problems.add(problem);
					}

					@Override
					public void started(Path started, long rows) {
						counted[0] = rows;
					}

				});
		reader.open(new ExecutionContext());
		long imported = 0;
		List<RowError> rejects = new ArrayList<>();
		try {
			CsvRow row;
			while ((row = reader.read()) != null) {
				try {
					mapper.map(row);
					imported++;
				}
				catch (RowRejectedException ex) {
					rejects.add(ex.error());
				}
			}
		}
		finally {
			reader.close();
		}
		return new Outcome(problems.isEmpty() ? null : problems.get(0), counted[0], imported, rejects);
	}

	private static void assertSafeToOpen(List<RowError> rejects) throws IOException {
		Path written = dir.resolve("rejects.csv");
		new RejectsFile(written).write(each -> rejects.forEach(each));
		try (Reader in = Files.newBufferedReader(written); CSVParser csv = CSVFormat.DEFAULT.parse(in)) {
			List<CSVRecord> records = csv.getRecords();
			assertThat(records).hasSize(rejects.size() + 1);
			for (CSVRecord record : records) {
				for (String cell : record) {
					assertThat(cell).doesNotContainPattern("\\p{Cntrl}");
					assertThat(cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0).as(cell).isTrue();
				}
			}
		}
	}

	@Provide
	Arbitrary<byte[]> clientsFiles() {
		Arbitrary<String> header = Arbitraries.of("email,name,relationship,owner_email\n",
				"\uFEFFemail;name;relationship;owner_email;company\r\n", "email\tname\trelationship\towner_email\n",
				"E-Mail,Full Name,Kind,Owner,tier\r", "email,name\n", "\"email,name,relationship,owner_email\n", "");
		Arbitrary<byte[]> fragment = Arbitraries
			.frequencyOf(Tuple.of(30, Arbitraries.of(",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", " ")),
					Tuple.of(20, Arbitraries.of("anna@a.example", "Anna Berg", "customer", "partner",
							"maria@introflow.example", "=HYPERLINK(\"http://evil.example\")", "=cmd|' /C calc'!A0",
							"+1", "-2", "@SUM(1)", "Zoë", "😀", "\uFEFF", "\u0000", "\u0007", "\u0085", "\u2028",
							"=?utf-8?q?", "=?utf-8?b?RXZlDQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?=", "=0D=0A", "?=",
							"=?x-none?q?a?=", "=?iso-8859-1?q?M=FCller?=")),
					Tuple.of(6, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(100).ofMaxLength(3_000)),
					Tuple.of(1, Arbitraries.integers().between(70_000, 100_000).map("y"::repeat)))
			.map(s -> s.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> invalid = Arbitraries.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3 },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xE9 });
		// a file is mostly rows with a little noise, or noise with some rows
		Arbitrary<List<byte[]>> parts = Arbitraries.oneOf(
				Arbitraries.frequencyOf(Tuple.of(40, rows()), Tuple.of(1, fragment)).list().ofMaxSize(100),
				Arbitraries.frequencyOf(Tuple.of(60, fragment), Tuple.of(1, invalid), Tuple.of(40, rows()))
					.list()
					.ofMaxSize(300));
		return header.flatMap(h -> parts.map(list -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(h.getBytes(StandardCharsets.UTF_8));
			list.forEach(out::writeBytes);
			return out.toByteArray();
		}));
	}

	/**
	 * A row of four values, each mostly what its column wants, else anything; quoted or
	 * not, any line ending.
	 */
	private static Arbitrary<byte[]> rows() {
		Arbitrary<String> odd = Arbitraries.frequencyOf(
				Tuple.of(5,
						Arbitraries.of("Zoë Ångström", "=HYPERLINK(\"http://evil.example\")", "-2+3", "@SUM(1)", "+1",
								"Anna\u0007", "Anna\u2028Berg", "\"Eve\" <spy@evil.example>",
								"=?utf-8?b?RXZlDQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?=", "=?iso-8859-1?q?M=FCller?=",
								"=?x-none?q?a?=", "=?utf-8?q?eve?=@evil.example", "a,b", "a;b", "line\nbreak", "")),
				Tuple.of(1, Arbitraries.strings().ofMaxLength(300)));
		Arbitrary<String> email = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("anna@a.example")),
				Tuple.of(1, odd));
		Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("Anna Berg")), Tuple.of(1, odd));
		Arbitrary<String> kind = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("customer", "partner")),
				Tuple.of(1, odd));
		Arbitrary<String> owner = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("maria@introflow.example")),
				Tuple.of(1, odd));
		Arbitrary<String> ending = Arbitraries.of("\n", "\r\n", "\r");
		return Combinators.combine(quoted(email), quoted(name), quoted(kind), quoted(owner), ending)
			.as((a, b, c, d, end) -> (a + "," + b + "," + c + "," + d + end).getBytes(StandardCharsets.UTF_8));
	}

	private static Arbitrary<String> quoted(Arbitrary<String> value) {
		return Arbitraries.oneOf(value, value.map(v -> "\"" + v.replace("\"", "\"\"") + "\""));
	}

}
