package io.introflow.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a sales rep editing a template cannot do, whatever the file: switch escaping off,
 * run a regular expression, build a text that fills memory, reach outside the templates
 * folder, or put a line break into a subject. Each is refused at the exact line and
 * column.
 */
class TemplateHardeningTests {

	@TempDir
	Path tmp;

	Path root;

	@BeforeEach
	void emptyTemplatesFolder() throws IOException {
		root = Files.createDirectories(tmp.resolve("templates"));
		Files.createDirectories(root.resolve("_lib"));
		Files.writeString(root.resolve("_lib/footer.ftl"), "--\n${firm}\n");
	}

	private TemplateEngine engine() {
		return new TemplateEngine(root);
	}

	private void write(String name, String text) throws IOException {
		Path file = root.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			?no_esc                | <p>${referrer.name?no_esc}</p>                                  | 2:19
			?noEsc                 | <p>${referrer.name?noEsc}</p>                                   | 2:19
			?markup_string         | <p>${referrer.name?esc?markup_string}</p>                       | 2:23
			#noautoesc             | <#noautoesc><p>${referrer.name}</p></#noautoesc>                | 2:1
			#noAutoEsc             | <p>[#noAutoEsc]${referrer.name}[/#noAutoEsc]</p>                | 2:4
			#outputformat          | <#outputformat "plainText">${referrer.name}</#outputformat>     | 2:1
			#escape                | <#escape x as x?html>${referrer.name}</#escape>                 | 2:1
			""")
	void refusesEveryWayToSwitchEscapingOff(String what, String line, String at) throws IOException {
		write("_lib/probe.md", "<p>Hello,</p>\n" + line + "\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md")).as(what)
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/_lib/probe.md:" + at + ": ")
			.hasMessageContaining("not allowed");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			output_format   | <#ftl output_format="plainText">   | 1:7
			auto_esc        | <#ftl auto_esc=false>              | 1:7
			both, later one | <#ftl encoding="UTF-8" autoEsc=false> | 1:24
			""")
	void refusesAnFtlHeaderThatChangesTheOutputFormatOrEscaping(String what, String header, String at)
			throws IOException {
		write("_lib/probe.md", header + "\nHello ${referrer.name}\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md")).as(what)
			.hasMessageStartingWith("templates/_lib/probe.md:" + at + ": <#ftl ");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			?matches                        | ${referrer.name?matches("(a+)+b")?c}                 | 2:16
			?replace with r                 | ${referrer.name?replace("(a+)+$", "", "r")}          | 2:16
			?replace with flags from a value | ${referrer.name?replace("a", "b", referrer.flags)}  | 2:16
			?split with r                   | <#list referrer.name?split("x+", "ri") as p>${p}</#list> | 2:21
			?keep_after with r              | ${referrer.name?keep_after("(a+)+c", "r")}         | 2:16
			?keep_before_last with r        | ${referrer.name?keep_before_last("a+", 'r')}         | 2:16
			?ensure_starts_with with r      | ${referrer.name?ensure_starts_with("a+", "b", "r")}  | 2:16
			""")
	void refusesRegularExpressionsThatCouldRunPastTheTimeLimit(String what, String line, String at) throws IOException {
		write("_lib/probe.md", "Hello,\n" + line + "\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md")).as(what)
			.hasMessageStartingWith("templates/_lib/probe.md:" + at + ": ")
			.hasMessageContaining("regular expressions");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "${referrer.name?left_pad(100000000)}", "${referrer.name?right_pad(width)}",
			"${referrer.name?leftPad(201, '-')}" })
	void refusesPaddingWiderThanTheLimit(String line) throws IOException {
		write("_lib/probe.md", "Hello,\n" + line + "\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md"))
			.hasMessageStartingWith("templates/_lib/probe.md:2:16: ")
			.hasMessageContaining("the width must be a number up to 200");
	}

	@Test
	void refusesReplacingTheEmptyTextWhichMultipliesALength() throws IOException {
		write("_lib/probe.md", "Hello,\n${referrer.name?replace(\"\", referrer.name)}\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md"))
			.hasMessage("templates/_lib/probe.md:2:16: ?replace(\"\", ...) is not allowed: it puts the "
					+ "replacement between every two characters, a text that can fill memory");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			relative, climbing   | <#include "../../../_lib/footer.ftl">
			absolute, climbing   | <#import "/../secret.ftl" as s>
			path from a value    | <#include referrer.page>
			path built in a text | <#include "/_lib/${referrer.page}">
			""")
	void refusesIncludesThatCouldLeaveTheFolder(String what, String line) throws IOException {
		write("_lib/probe.md", "Hello,\n  " + line + "\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md")).as(what)
			.hasMessageStartingWith("templates/_lib/probe.md:2:3: <#");
	}

	@Test
	void refusesAnEmailBodyUsingMacrosFromAFileThatDoesNotEscape() throws IOException {
		write("value/raw.ftl", "<#macro name>${referrer.name}</#macro>\n");
		write("_lib/probe.md", "Hello,\n<p><#import \"/value/raw.ftl\" as raw><@raw.name/></p>\n");

		assertThatThrownBy(() -> engine().compile("_lib/probe.md"))
			.hasMessage("templates/_lib/probe.md:2:4: <#import \"/value/raw.ftl\"> is not allowed in an email body: "
					+ "only .md files and files under /_lib/, whose values are escaped");
	}

	@Test
	void acceptsTheHarmlessFormsOfTheSameBuiltIns() throws IOException {
		write("_lib/layout.ftlh", "<#macro page><#nested></#macro>\n");
		write("_lib/probe.md", """
				<#import "/_lib/layout.ftlh" as layout>
				<p>${referrer.name?esc} ${referrer.name?replace("a", "b")} ${referrer.name?replace("a", "b", "i")}
				${referrer.name?split(",")?size} ${referrer.name?keep_after("@")} ${referrer.name?left_pad(12)}</p>
				""");

		assertThatCode(() -> engine().compile("_lib/probe.md")).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(strings = { "0085", "2028", "2029", "000B", "000C" })
	void refusesEveryLineBreakCharacterInsideASubject(String hex) throws IOException {
		char c = (char) Integer.parseInt(hex, 16);
		write("value/customer/a.md", "---\nsubject: Hello ${referrer.name}," + c + "Bcc: all@example.com\n---\nBody\n");

		assertThatThrownBy(() -> engine().compile("value/customer/a.md"))
			.hasMessageStartingWith("templates/value/customer/a.md:2:33: ")
			.hasMessageContaining("line");
	}

	@Test
	void refusesALoneCarriageReturnOrASecondLineInASubject() throws IOException {
		write("value/customer/a.md", "---\nsubject: Hello ${referrer.name},\rBcc: all@example.com\n---\nBody\n");
		write("ask/customer/a.md", "---\nsubject: Hello ${referrer.name},\nBcc: all@example.com\n---\nBody\n");

		// the front matter reads a lone CR as a line end too: either way the second line
		// is no field
		assertThat(problemsOf("value/customer/a.md")).containsExactly(
				"templates/value/customer/a.md:3:1: 'Bcc' is not a front-matter field (subject, preheader); "
						+ "the front matter ends with a line '---'");
		assertThat(problemsOf("ask/customer/a.md"))
			.containsExactly("templates/ask/customer/a.md:3:1: 'Bcc' is not a front-matter field (subject, preheader); "
					+ "the front matter ends with a line '---'");
	}

	@Test
	void refusesUnusualLineBreakCharactersAnywhereInATemplate() throws IOException {
		write("value/customer/a.md", "---\nsubject: Hello\u2028Bcc: x@example.com\n---\nBody\u0085text\n");

		List<String> problems = problemsOf("value/customer/a.md");

		assertThat(problems).containsExactly(
				"templates/value/customer/a.md:2:15: a line-break character (U+2028) is not allowed; end lines with an"
						+ " ordinary line end",
				"templates/value/customer/a.md:4:5: a line-break character (U+0085) is not allowed; end lines with an"
						+ " ordinary line end");
	}

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(strings = { "2028", "0085", "000A", "000D" })
	void refusesALineBreakThatAValueBringsIntoASubjectAtRenderTime(String hex) throws IOException {
		char c = (char) Integer.parseInt(hex, 16);
		write("value/customer/a.md", "---\nsubject: Hello ${referrer.name}, a checklist\n---\nBody\n");
		Map<String, Object> model = Map.of("referrer", Map.of("name", "Rita" + c + "Bcc: all@example.com"));

		assertThatThrownBy(() -> engine().renderLine("value/customer/a.md@subject", model))
			.isInstanceOf(TemplateProblem.class)
			.hasMessage("templates/value/customer/a.md:2:16: renders a line break (U+" + hex
					+ ") into a one-line part; a subject cannot hold one");
	}

	@Test
	void rendersASubjectWithoutLineBreaksAsOneStrippedLine() throws IOException {
		write("value/customer/a.md", "---\nsubject: Hello ${referrer.name}, a checklist\n---\nBody\n");

		assertThat(engine().renderLine("value/customer/a.md@subject", Map.of("referrer", Map.of("name", "Rita"))))
			.isEqualTo("Hello Rita, a checklist");
	}

	@Test
	void reportsATemplateThatFillsMemoryAtItsLocation() throws IOException {
		// doubling a text: a few steps to gigabytes, long before the time limit
		write("_lib/probe.md", "Hello,\n<#assign s = \"x\"?right_pad(200)>\n"
				+ "<#list 1..64 as i><#assign s = s + s></#list>${s?length}\n");

		assertThatThrownBy(() -> engine().renderFile("_lib/probe.md", Map.of())).isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/_lib/probe.md:3:")
			// which limit ends it first depends on the machine's speed and heap; either
			// way it names the #assign
			.hasMessageMatching("templates/_lib/probe.md:3:19: (runs out of memory|did not finish within).*");
	}

	@Test
	void leavesNoRenderThreadRunningAfterTheTimeLimit() throws Exception {
		write("_lib/probe.md", "Hello,\n<#list 1.. as i></#list>\n");

		assertThatThrownBy(() -> engine().renderFile("_lib/probe.md", Map.of()))
			.hasMessage("templates/_lib/probe.md:2:1: did not finish within 2 s (an endless loop?)");
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (renderThreads() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(renderThreads()).isZero();
	}

	private static long renderThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(t -> t.getName().equals("template-render") && t.isAlive())
			.count();
	}

	private List<String> problemsOf(String name) {
		try {
			engine().compile(name);
			return List.of();
		}
		catch (TemplateProblem ex) {
			return ex.problems();
		}
	}

	/**
	 * The shipped templates, for the check as the nightly run and {@code templates check}
	 * run it.
	 */
	private Path shippedCopy() throws IOException {
		Path copy = tmp.resolve("shipped/templates");
		try (Stream<Path> files = Files.walk(Path.of("templates"))) {
			for (Path source : files.toList()) {
				Path target = copy.resolve(Path.of("templates").relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return copy;
	}

	private static List<String> check(Path templates) {
		return new TemplateCheck(new IntroEmails(new TemplateEngine(templates))).problems();
	}

	@Test
	void reportsALinkOutsideTheFolderForThatFileAndGoesOnWithTheOthers() throws IOException {
		Path copy = shippedCopy();
		TemplateEngine engine = new TemplateEngine(copy);
		List<String> files = engine.files().stream().filter(f -> !f.startsWith("_lib/")).toList();
		String linked = files.get(0);
		String broken = files.get(files.size() - 1);
		Path outside = Files.writeString(tmp.resolve("outside.ftl"), "secret");
		Files.delete(copy.resolve(linked));
		Files.createSymbolicLink(copy.resolve(linked), outside);
		Files.writeString(copy.resolve(broken), Files.readString(copy.resolve(broken)) + "${\"1\"?eval}");
		int brokenLine = (int) Files.readString(copy.resolve(broken)).lines().count();

		List<String> problems = check(copy);

		assertThat(problems).contains("templates/" + linked
				+ ":0:0: is a link to a file outside templates/; copy the file into templates/ instead");
		assertThat(problems).anyMatch(p -> p.startsWith("templates/" + broken + ":" + brokenLine + ":")
				&& p.contains("?eval is not allowed"));
	}

	@Test
	void reportsEveryProblemOfEveryFileOnALineOfItsOwn() throws IOException {
		Path copy = shippedCopy();
		List<String> files = new TemplateEngine(copy).files().stream().filter(f -> !f.startsWith("_lib/")).toList();
		String first = files.get(0);
		String second = files.get(1);
		int firstLines = (int) Files.readString(copy.resolve(first)).lines().count();
		Files.writeString(copy.resolve(first), Files.readString(copy.resolve(first))
				+ "\n${referrer.name?no_esc} ${referrer.name?matches(\"a+\")?c}\n<#noautoesc></#noautoesc>\n");
		int secondLines = (int) Files.readString(copy.resolve(second)).lines().count();
		Files.writeString(copy.resolve(second),
				Files.readString(copy.resolve(second)) + "\n${referrer.name?left_pad(999999)}\n");

		List<String> problems = check(copy);

		String f = "templates/" + first + ":";
		assertThat(problems).anyMatch(p -> p.startsWith(f + (firstLines + 2) + ":16: ?no_esc is not allowed"))
			.anyMatch(p -> p.startsWith(f + (firstLines + 2) + ":40: ?matches is not allowed"))
			.anyMatch(p -> p.startsWith(f + (firstLines + 3) + ":1: <#noautoesc> is not allowed"))
			.anyMatch(p -> p
				.startsWith("templates/" + second + ":" + (secondLines + 2) + ":16: ?left_pad(999999) is not allowed"));
		assertThat(problems).allMatch(p -> !p.contains("\n"));
	}

}
