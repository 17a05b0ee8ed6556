package io.introflow.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the shipped templates with one file broken at a time: the check names the
 * file and the line, whatever the mistake or the attack.
 */
class TemplateCheckTests {

	@TempDir
	Path tmp;

	Path root;

	@BeforeEach
	void copyShippedTemplates() throws IOException {
		root = tmp.resolve("templates");
		try (Stream<Path> files = Files.walk(Path.of("templates"))) {
			for (Path source : files.toList()) {
				Path target = root.resolve(Path.of("templates").relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private List<String> check() {
		return new TemplateCheck(new IntroEmails(new TemplateEngine(root))).problems();
	}

	@Test
	void findsNothingWrongWithTheShippedTemplates() {
		assertThat(check()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					missing variable         | Hi ${referrer.nickname}                                          | 5 | null or missing
					syntax error             | Hi ${referrer..name}                                             | 5 |
					?new                     | <#assign ex = "freemarker.template.utility.Execute"?new()>${ex("id")} | 5 | ?new is not allowed
					?api                     | ${referrer?api.get("name")}                                      | 5 | ?api is not allowed
					?eval                    | ${"7*7"?eval}                                                    | 5 | ?eval is not allowed
					?interpret               | <@"${referrer.name}"?interpret/>                                 | 5 | ?interpret is not allowed
					include outside the root | <#include "../../../../etc/passwd">                              | 5 |
					absolute include outside | <#include "/../secret.ftl">                                      | 5 |
					endless loop             | <#list 1.. as i></#list>                                         | 5 | did not finish within 2 s
					endless output           | <#list 1.. as i>${i} </#list>                                    | 5 | renders more than
					""")
	void reportsTheFileAndLineCountingTheFrontMatter(String what, String line, int lineNumber, String message)
			throws IOException {
		insertIntoBody("value/customer/a.md", "Hello,\n" + line + "\n");

		List<String> problems = check();

		assertThat(problems).as(what).isNotEmpty();
		assertThat(problems).as(what)
			.anyMatch(p -> p.startsWith("templates/value/customer/a.md:" + lineNumber + ":")
					&& (message == null || p.contains(message)));
	}

	@Test
	void refusesTwoStepsOfOneSequenceThatWouldSendTheSameBody() throws IOException {
		// a rep copies the first nudge over the second and changes only its subject
		Files.writeString(root.resolve("nudge-2/default/a.md"), Files.readString(root.resolve("nudge/default/a.md"))
			.replace("subject: The introduction", "subject: One last note"));

		assertThat(check()).anyMatch(p -> p.startsWith("templates/nudge/default/a.md:1:1: same body as "
				+ "templates/nudge-2/default/a.md (customer, variant a)"));
	}

	@Test
	void reportsAMistakeInTheSubjectAtItsLineAndColumnInTheFile() throws IOException {
		Path file = root.resolve("ask/customer/a.md");
		Files.writeString(file,
				Files.readString(file).replace("favour, ${referrer.firstName}", "favour, ${referrer.frist}"));

		assertThat(check()).anyMatch(p -> p.startsWith("templates/ask/customer/a.md:2:28:") && p.contains("frist"));
	}

	@Test
	void reportsAFrontMatterWithoutASubject() throws IOException {
		Path file = root.resolve("value/partner/a.md");
		Files.writeString(file, Files.readString(file).replace("subject:", "subjet:"));

		assertThat(check()).anyMatch(p -> p.startsWith("templates/value/partner/a.md:2:1:")
				&& p.contains("'subjet' is not a front-matter field"));
	}

	/**
	 * Puts text at the start of the body, right after the three lines of the front
	 * matter.
	 */
	private void insertIntoBody(String name, String text) throws IOException {
		Path file = root.resolve(name);
		String content = Files.readString(file);
		int bodyStart = content.indexOf("---\n", 4) + 4;
		Files.writeString(file, content.substring(0, bodyStart) + text + content.substring(bodyStart));
	}

	@Test
	void reportsAnUnclosedDirectiveWhereFreeMarkerNoticesIt() throws IOException {
		insertIntoBody("value/customer/a.md", "Hello,\n<#if hasProspect>unclosed\n");

		assertThat(check())
			.anyMatch(p -> p.startsWith("templates/value/customer/a.md:") && p.contains("You have an unclosed #if"));
	}

	@Test
	void reportsAFileInTheOldThreeFileFormAsMisnamed() throws IOException {
		Files.writeString(root.resolve("ask/customer/b.subject.ftl"), "Who should we meet?");

		assertThat(check()).contains(
				"templates/ask/customer/b.subject.ftl:0:0: not a template name; expected <kind>/<segment>/<variant>"
						+ "[.<locale>].md");
	}

	@Test
	void reportsAKindNoSegmentCanGet() throws IOException {
		try (Stream<Path> files = Files.walk(root.resolve("nudge"))) {
			for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".de.")).toList()) {
				Files.delete(p);
			}
		}

		assertThat(check()).anyMatch(p -> p.startsWith("templates/nudge: no template for segment 'customer'"));
	}

	@Test
	void reportsABrokenSharedMacroInTheFileThatDefinesIt() throws IOException {
		Path lib = root.resolve("_lib/intro.ftl");
		Files.writeString(lib, Files.readString(lib).replace("${forward.mailto}", "${forward.mailtoo}"));

		assertThat(check()).anyMatch(p -> p.startsWith("templates/_lib/intro.ftl:11:") && p.contains("mailtoo"));
	}

}
