package io.introflow.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The quirks of real exports, one small file each. */
class CsvFileTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final CsvLayout LAYOUT = new CsvLayout("clients", List.of("clients"),
			List.of("email", "name", "company"), List.of("email", "name"),
			CsvLayout.aliases(Map.of("email", Set.of("e_mail", "email_address"), "name", Set.of("full_name"))));

	private static final CsvDialect UTF8_AUTO = new CsvDialect(StandardCharsets.UTF_8, null);

	@TempDir
	Path dir;

	@Test
	void skipsAUtf8ByteOrderMark() throws Exception {
		Path file = write("clients.csv", bytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				"email,name\nanna@a.example,Anna Ångström\n".getBytes(StandardCharsets.UTF_8)));

		List<CsvRow> rows = rows(file, UTF8_AUTO);

		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.get("email")).isEqualTo("anna@a.example");
			assertThat(row.get("name")).isEqualTo("Anna Ångström");
			assertThat(row.line()).isEqualTo(2);
		});
	}

	@Test
	void readsWindows1252WhenDeclared() throws Exception {
		Path file = write("clients.csv", "email;name\nm@m.example;Jürgen Müller – “MM”\n".getBytes(WINDOWS_1252));

		List<CsvRow> rows = rows(file, new CsvDialect(WINDOWS_1252, null));

		assertThat(rows.get(0).get("name")).isEqualTo("Jürgen Müller – “MM”");
	}

	@Test
	void failsTheWholeFileOnBytesThatAreNotInTheDeclaredEncodingNamingTheLine() throws Exception {
		Path file = write("clients.csv", bytes("email,name\na@a.example,Anna\n".getBytes(StandardCharsets.UTF_8),
				"b@b.example,Jürgen\n".getBytes(WINDOWS_1252)));

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, UTF8_AUTO).check()).isInstanceOf(FileProblem.class)
			.hasMessageContaining("clients.csv: line 3 has bytes that are not valid UTF-8")
			.hasMessageContaining("introflow.intake.types.clients.encoding");
	}

	@Test
	void detectsSemicolonAndTabDelimiters() throws Exception {
		Path semicolon = write("clients.csv", "email;name;company\na@a.example;Anna;\"Acme; Inc\"\n");
		Path tab = write("clients2.csv", "email\tname\na@a.example\tAnna, Jr.\n");

		assertThat(rows(semicolon, UTF8_AUTO).get(0).get("company")).isEqualTo("Acme; Inc");
		assertThat(rows(tab, UTF8_AUTO).get(0).get("name")).isEqualTo("Anna, Jr.");
	}

	@Test
	void usesAConfiguredDelimiterEvenWhenTheHeaderSuggestsAnother() throws Exception {
		Path file = write("clients.csv", "email,name,a;b;c;d\na@a.example,Anna,1;2;3;4\n");

		assertThatThrownBy(() -> rows(file, UTF8_AUTO)).isInstanceOf(FileProblem.class);
		assertThat(rows(file, new CsvDialect(StandardCharsets.UTF_8, ',')).get(0).get("a_b_c_d")).isEqualTo("1;2;3;4");
	}

	@Test
	void acceptsHeaderNamesInAnyCaseOrderAndByAlias() throws Exception {
		Path file = write("clients.csv", "Company, Full Name ,E-Mail\nAcme,Anna Berg,ANNA@a.example\n");

		CsvRow row = rows(file, UTF8_AUTO).get(0);

		assertThat(row.values()).containsEntry("email", "ANNA@a.example")
			.containsEntry("name", "Anna Berg")
			.containsEntry("company", "Acme");
	}

	@Test
	void keepsLineBreaksInsideQuotesAndReportsEachRowAtTheLineItStarts() throws Exception {
		Path file = write("clients.csv",
				"email,name,company\r\na@a.example,Anna,\"Acme\r\nNorth\"\r\nb@b.example,\"Ben\nBrown\",Bolt\r\nc@c.example,Cy,Co\r\n");

		List<CsvRow> rows = rows(file, UTF8_AUTO);

		assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 4L, 6L);
		assertThat(rows.get(0).get("company")).isEqualTo("Acme\r\nNorth");
		assertThat(rows.get(1).get("name")).isEqualTo("Ben\nBrown");
	}

	@Test
	void skipsBlankLinesAndRowsOfOnlyDelimitersWithoutLosingCount() throws Exception {
		Path file = write("clients.csv", "email,name\n\na@a.example,Anna\n,,\n   \n\nb@b.example,Ben\n\n");

		List<CsvRow> rows = rows(file, UTF8_AUTO);

		assertThat(rows).extracting(r -> r.get("email")).containsExactly("a@a.example", "b@b.example");
		assertThat(rows).extracting(CsvRow::line).containsExactly(3L, 7L);
	}

	@Test
	void ignoresTrailingColumnsWithoutAHeaderAndKeepsExtraNamedColumns() throws Exception {
		Path file = write("clients.csv", "email,name,tier,,\na@a.example,Anna,gold,,,extra,more\nb@b.example,Ben\n");

		List<CsvRow> rows = rows(file, UTF8_AUTO);

		assertThat(rows.get(0).values()).containsOnlyKeys("email", "name", "tier").containsEntry("tier", "gold");
		assertThat(rows.get(1).get("tier")).isEmpty();
	}

	@Test
	void failsTheWholeFileWhenARequiredColumnIsMissing() throws Exception {
		Path file = write("clients.csv", "email,company\na@a.example,Acme\n");

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, UTF8_AUTO).check()).isInstanceOf(FileProblem.class)
			.hasMessage("clients.csv: missing required column 'name' (found: email, company); "
					+ "nothing was imported from this file");
	}

	@Test
	void failsTheWholeFileWhenTwoColumnsMeanTheSame() throws Exception {
		Path file = write("clients.csv", "email,name,E-Mail\na@a.example,Anna,b@b.example\n");

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, UTF8_AUTO).check()).isInstanceOf(FileProblem.class)
			.hasMessageContaining("columns 'email' and 'E-Mail' both mean 'email'");
	}

	@Test
	void failsTheWholeFileOnAQuoteThatNeverCloses() throws Exception {
		Path file = write("clients.csv", "email,name\na@a.example,Anna\nb@b.example,\"Ben\nc@c.example,Cy\n");

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, UTF8_AUTO).check()).isInstanceOf(FileProblem.class)
			.hasMessageContaining("clients.csv")
			.hasMessageContaining("nothing was imported");
	}

	@Test
	void failsTheWholeFileOnAQuoteThatRunsOnPastTheRowLimitNamingTheLineWhereItOpens() throws Exception {
		CsvDialect small = new CsvDialect(StandardCharsets.UTF_8, ',', 1000);
		StringBuilder content = new StringBuilder("email,name\na@a.example,Anna\nb@b.example,\"Ben\n");
		while (content.length() < 200_000) {
			content.append("c@c.example,Cy\n");
		}
		Path file = write("clients.csv", content.toString());

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, small).check()).isInstanceOf(FileProblem.class)
			.hasMessageStartingWith("clients.csv: the row at line 3 runs on past 1000 characters "
					+ "(a quote that never closes, or no line breaks); nothing was imported from this file");
	}

	@Test
	void failsTheWholeFileOnAFirstLineWithoutAnEnd() throws Exception {
		CsvDialect small = new CsvDialect(StandardCharsets.UTF_8, null, 1000);
		Path file = write("clients.csv", "email,name," + "x,".repeat(100_000));

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, small).check()).isInstanceOf(FileProblem.class)
			.hasMessageStartingWith("clients.csv: the row at line 1 runs on past 1000 characters");
	}

	@Test
	void failsTheWholeFileOnAClosedRowLongerThanTheLimitAndAcceptsOneAtTheLimit() throws Exception {
		CsvDialect small = new CsvDialect(StandardCharsets.UTF_8, ',', 1000);
		String header = "email,name\n";
		// a row of 1000 characters with its line break
		String atLimit = "a@a.example,\"" + "A".repeat(1000 - 16) + "\"\n";
		String tooLong = "b@b.example," + "B".repeat(1500) + "\n";
		Path fits = write("clients.csv", header + atLimit + "c@c.example,Cy\n");
		Path longMiddle = write("clients-2.csv", header + "c@c.example,Cy\n" + tooLong + "c@c.example,Cy\n");
		Path longLast = write("clients-3.csv", header + tooLong);

		assertThat(rows(fits, small)).extracting(CsvRow::line).containsExactly(2L, 3L);
		assertThatThrownBy(() -> new CsvFile(longMiddle, LAYOUT, small).check()).isInstanceOf(FileProblem.class)
			.hasMessageStartingWith("clients-2.csv: the row at line 3 is longer than 1000 characters");
		assertThatThrownBy(() -> new CsvFile(longLast, LAYOUT, small).check()).isInstanceOf(FileProblem.class)
			.hasMessageStartingWith("clients-3.csv: the row at line 2 is longer than 1000 characters");
	}

	@Test
	void anEmptyFileHasNoRequiredColumns() throws Exception {
		Path file = write("clients.csv", "");

		assertThatThrownBy(() -> new CsvFile(file, LAYOUT, UTF8_AUTO).check()).isInstanceOf(FileProblem.class)
			.hasMessageContaining("missing required column 'email'");
	}

	@Test
	void aRestartedReaderGoesOnAfterTheLastSavedRowAcrossFiles() throws Exception {
		Path first = write("clients-1.csv", "email,name\na@a.example,A\nb@b.example,B\nc@c.example,C\n");
		Path second = write("clients-2.csv", "email,name\nd@d.example,D\ne@e.example,E\n");
		List<String> failed = new ArrayList<>();
		CsvImportReader.Listener listener = (file, problem) -> failed.add(file.toString());
		ExecutionContext context = new ExecutionContext();

		CsvImportReader reader = new CsvImportReader(() -> List.of(first, second), LAYOUT, UTF8_AUTO, listener);
		reader.open(context);
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			read.add(reader.read().get("email"));
		}
		reader.update(context);
		reader.close();
		// a third file dropped meanwhile is not part of the restarted step
		write("clients-3.csv", "email,name\nf@f.example,F\n");

		CsvImportReader restarted = new CsvImportReader(() -> List.of(first, second, dir.resolve("clients-3.csv")),
				LAYOUT, UTF8_AUTO, listener);
		restarted.open(context);
		CsvRow row;
		while ((row = restarted.read()) != null) {
			read.add(row.get("email"));
		}

		assertThat(read).containsExactly("a@a.example", "b@b.example", "c@c.example", "d@d.example", "e@e.example");
		assertThat(failed).isEmpty();
	}

	@Test
	void aFileWithAProblemIsReportedAndTheNextFileIsRead() throws Exception {
		Path broken = write("clients-1.csv", "email\na@a.example\n");
		Path good = write("clients-2.csv", "email,name\nb@b.example,B\n");
		List<String> failed = new ArrayList<>();

		CsvImportReader reader = new CsvImportReader(() -> List.of(broken, good), LAYOUT, UTF8_AUTO,
				(file, problem) -> failed.add(file.getFileName() + ": " + problem.getMessage()));
		reader.open(new ExecutionContext());

		assertThat(reader.read().get("email")).isEqualTo("b@b.example");
		assertThat(reader.read()).isNull();
		assertThat(failed).singleElement().asString().startsWith("clients-1.csv: clients-1.csv: missing required");
	}

	private List<CsvRow> rows(Path file, CsvDialect dialect) {
		CsvFile csv = new CsvFile(file, LAYOUT, dialect);
		long count = csv.check();
		List<CsvRow> rows = new ArrayList<>();
		try (CsvFile.Cursor cursor = csv.open(0)) {
			CsvRow row;
			while ((row = cursor.next()) != null) {
				rows.add(row);
			}
		}
		assertThat(rows).hasSize((int) count);
		return rows;
	}

	private Path write(String name, String content) throws Exception {
		return write(name, content.getBytes(StandardCharsets.UTF_8));
	}

	private Path write(String name, byte[] content) throws Exception {
		return Files.write(dir.resolve(name), content);
	}

	private static byte[] bytes(byte[]... parts) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.write(part);
		}
		return out.toByteArray();
	}

}
