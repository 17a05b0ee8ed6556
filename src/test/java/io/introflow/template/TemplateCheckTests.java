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
 * A copy of the shipped templates with one file broken at a time: the check names the file and the line, whatever
 * the mistake or the attack.
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
	@CsvSource(delimiter = '|', textBlock = """
			missing variable         | Hi ${referrer.nickname}                                          | 2 | null or missing
			syntax error             | Hi ${referrer..name}                                             | 2 |
			?new                     | <#assign ex = "freemarker.template.utility.Execute"?new()>${ex("id")} | 2 | ?new is not allowed
			?api                     | ${referrer?api.get("name")}                                      | 2 | ?api is not allowed
			?eval                    | ${"7*7"?eval}                                                    | 2 | ?eval is not allowed
			?interpret               | <@"${referrer.name}"?interpret/>                                 | 2 | ?interpret is not allowed
			include outside the root | <#include "../../../../etc/passwd">                              | 2 |
			absolute include outside | <#include "/../secret.ftl">                                      | 2 |
			endless loop             | <#list 1.. as i></#list>                                         | 2 | did not finish within 2 s
			endless output           | <#list 1.. as i>${i} </#list>                                    | 2 | renders more than
			""")
	void reportsTheFileAndLine(String what, String line, int lineNumber, String message) throws IOException {
		Path file = root.resolve("value/customer/a.txt.ftl");
		Files.writeString(file, "Hello,\n" + line + "\n" + Files.readString(file));

		List<String> problems = check();

		assertThat(problems).as(what).isNotEmpty();
		assertThat(problems).as(what).anyMatch(p -> p.startsWith("templates/value/customer/a.txt.ftl:" + lineNumber + ":")
				&& (message == null || p.contains(message)));
	}

	@Test
	void reportsAnUnclosedDirectiveWhereFreeMarkerNoticesIt() throws IOException {
		Path file = root.resolve("value/customer/a.txt.ftl");
		Files.writeString(file, "Hello,\n<#if hasProspect>unclosed\n" + Files.readString(file));

		assertThat(check()).anyMatch(p -> p.startsWith("templates/value/customer/a.txt.ftl:")
				&& p.contains("You have an unclosed #if"));
	}

	@Test
	void reportsAMisnamedFileAndAnEmailWithoutItsHtmlPart() throws IOException {
		Files.move(root.resolve("ask/customer/b.subject.ftl"), root.resolve("ask/customer/b.subjct.ftl"));
		Files.delete(root.resolve("value/partner/a.html.ftlh"));

		assertThat(check()).contains(
				"templates/ask/customer/b.subjct.ftl:0:0: not a template name; expected <kind>/<segment>/<variant>"
						+ "[.<locale>].subject.ftl, .txt.ftl or .html.ftlh",
				"templates/value/partner/a.html.ftlh:0:0: missing; every value email needs subject.ftl, txt.ftl, "
						+ "html.ftlh");
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

		assertThat(check()).anyMatch(p -> p.startsWith("templates/_lib/intro.ftl:3:") && p.contains("mailtoo"));
	}

}
