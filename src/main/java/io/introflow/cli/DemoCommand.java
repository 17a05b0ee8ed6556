package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.demo.Demo;
import io.introflow.demo.DemoMailServer;

/**
 * {@code introflow demo}: the whole cycle on embedded defaults, with nothing to set up.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		exitCodeList = { "0:every promised outcome happened", "1:a promised outcome is missing (it is named)",
				"2:bad usage or configuration" },
		description = "Run several simulated nights against an in-process mail server with scripted clients.")
class DemoCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--start", description = "The first simulated night (default: ${DEFAULT-VALUE}).",
			defaultValue = "2026-11-23")
	LocalDate start;

	@Option(names = "--days", description = "How many nights to simulate (default: ${DEFAULT-VALUE}).",
			defaultValue = "23")
	int days;

	@Option(names = "--output", description = "Folder for the demo's database, emails and reports "
			+ "(default: demo-output under the home folder). It is emptied first.")
	Path output;

	@Override
	public Integer call() throws Exception {
		if (days < 4) {
			throw new CommandLine.ParameterException(spec.commandLine(),
					"--days must be at least 4 for the clients' answers to be read back");
		}
		Path folder = (output != null) ? output.toAbsolutePath() : home().resolve("demo-output");
		PrintWriter out = spec.commandLine().getOut();
		Demo.prepare(folder);
		out.println("Introflow demo: " + days + " nights from " + start + "; output in " + folder);
		out.println("(The demo shortens the cool-down between asks to " + Demo.COOL_DOWN_DAYS
				+ " days; batch-config/sequences.yml says 60.)");
		try (DemoMailServer mail = new DemoMailServer(Demo.REPLY_DOMAIN)) {
			out.println("In-process mail server: SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:"
					+ mail.imapPort());
			try (ConfigurableApplicationContext context = start(Demo.properties(folder, mail))) {
				boolean ok = new Demo(context, mail, folder, out).run(start, days);
				printPages(out, folder, context);
				return ok ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
			}
		}
	}

	/**
	 * How to open the demo's pages: the command that serves them, and a few links to
	 * start from.
	 */
	private void printPages(PrintWriter out, Path folder, ConfigurableApplicationContext context) {
		boolean usual = folder.equals(home().resolve("demo-output"));
		out.println();
		out.println("To open the demo's pages (a referrer's introduction page, the one-click unsubscribe), run");
		out.println("  ./introflow serve --demo" + (usual ? "" : "=" + folder));
		out.println("and open in a browser (Ctrl-C stops the server):");
		Demo.pageLinks(context, Demo.pagesBase(Demo.PAGES_PORT)).forEach(out::println);
		out.flush();
	}

}
