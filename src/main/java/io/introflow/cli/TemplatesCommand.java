package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.introflow.intro.EmailPreview;
import io.introflow.outbound.MimeComposer;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.template.IntroEmails;
import io.introflow.template.TemplateCatalog;
import io.introflow.template.TemplateCheck;
import io.introflow.template.TemplateEngine;
import io.introflow.template.TemplateProblem;

/**
 * {@code introflow templates check} and {@code introflow templates preview}: what sales
 * reps run after editing.
 */
@Command(name = "templates", description = "Check or preview the email templates.",
		subcommands = { TemplatesCommand.Check.class, TemplatesCommand.Preview.class })
class TemplatesCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "say check or preview");
	}

	@Command(name = "check", mixinStandardHelpOptions = true,
			exitCodeList = { "0:every template compiles and renders", "1:a template has a problem (each is printed)",
					"2:bad usage, or the templates folder cannot be read" },
			description = "Compile every template and render it with sample data for every segment, variant and "
					+ "locale. Prints each problem as file:line:column: message; exits 1 when there is any.")
	static class Check extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--dir", description = "The templates folder (default: templates/ in the home folder).")
		Path dir;

		@Override
		public Integer call() {
			Path root = (dir != null) ? dir.toAbsolutePath() : home().resolve("templates");
			PrintWriter out = spec.commandLine().getOut();
			TemplateEngine engine;
			try {
				engine = new TemplateEngine(root);
			}
			catch (TemplateProblem ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
			}
			List<String> problems = new TemplateCheck(new IntroEmails(engine)).problems();
			int emails = TemplateCatalog.scan(root).entries().size();
			if (problems.isEmpty()) {
				out.println(root + ": " + emails + " emails checked, no problems");
				out.flush();
				return IntroflowMain.OK;
			}
			PrintWriter err = spec.commandLine().getErr();
			problems.forEach(err::println);
			err.println(problems.size() + " problem(s) in " + root + "; the nightly run will not send until they "
					+ "are fixed");
			err.flush();
			return IntroflowMain.JOB_FAILED;
		}

	}

	@Command(name = "preview", mixinStandardHelpOptions = true,
			exitCodeList = { "0:the files are written", "1:the template cannot be rendered",
					"2:bad usage or configuration" },
			description = "Render one email as it would go out and write it as an .eml and an .html file.")
	static class Preview extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Parameters(index = "0", paramLabel = "KIND",
				description = "value, ask, nudge, nudge-2, reminder, thank-you or close-the-loop (forward and "
						+ "forward-optin show inside ask).")
		String kind;

		@Option(names = "--segment", description = "customer or partner (default: the contact's).")
		String segment;

		@Option(names = "--variant", description = "a, b, ... (default: the contact's).")
		String variant;

		@Option(names = "--locale", description = "en, de, ... (default: the contact's).")
		String locale;

		@Option(names = "--form", description = "direct or optin: the form of the prefilled intro.")
		String form;

		@Option(names = "--contact", description = "Use this contact's real data and latest introduction.")
		String contact;

		@Option(names = "--no-prospect", description = "With sample data: an introduction without a named prospect.")
		boolean noProspect;

		@Option(names = "--output", description = "Folder for the files (default: previews/ in the home folder).")
		Path output;

		@Override
		public Integer call() throws Exception {
			List<String> kinds = TemplateCatalog.STEP_KINDS;
			if (!kinds.contains(kind)) {
				throw new CommandLine.ParameterException(spec.commandLine(), "unknown kind '" + kind + "': "
						+ String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1));
			}
			if (form != null && !form.equals("direct") && !form.equals("optin")) {
				throw new CommandLine.ParameterException(spec.commandLine(), "--form is direct or optin");
			}
			PrintWriter out = spec.commandLine().getOut();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				OutgoingEmail email;
				try {
					email = context.getBean(EmailPreview.class)
						.render(new EmailPreview.Options(kind, segment, variant, locale, form, contact, !noProspect));
				}
				catch (IllegalArgumentException ex) {
					throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
				}
				catch (TemplateProblem ex) {
					spec.commandLine().getErr().println(ex.getMessage());
					return IntroflowMain.JOB_FAILED;
				}
				byte[] mime = context.getBean(MimeComposer.class).compose(email);
				Path folder = (output != null) ? output.toAbsolutePath() : home().resolve("previews");
				Files.createDirectories(folder);
				String name = kind + "-" + email.toAddress().replaceAll("[^a-zA-Z0-9.@-]", "_");
				Path eml = Files.write(folder.resolve(name + ".eml"), mime);
				String html = (email.html() != null) ? email.html()
						: "<pre>" + email.text().replace("&", "&amp;").replace("<", "&lt;") + "</pre>";
				Path page = Files.writeString(folder.resolve(name + ".html"), html, StandardCharsets.UTF_8);
				out.println("Subject: " + email.subject());
				out.println(eml);
				out.println(page);
				out.flush();
				return IntroflowMain.OK;
			}
		}

	}

}
