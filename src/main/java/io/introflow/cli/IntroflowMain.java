package io.introflow.cli;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code introflow} command line. Exit codes: 0 done, 1 job failed, 2 bad usage or
 * configuration.
 */
@Command(name = "introflow", mixinStandardHelpOptions = true, version = "Introflow 0.1.0",
		description = "Turns happy-client moments into warm three-way introductions.",
		subcommands = { DemoCommand.class, RunCommand.class, ImportCommand.class, SendCommand.class,
				RepliesCommand.class, IntroCommand.class, ConfigCommand.class, StatusCommand.class, DkimCommand.class,
				DoctorCommand.class, TemplatesCommand.class, ServeCommand.class, ConsoleCommand.class,
				BenchCommand.class, HelpCommand.class })
public class IntroflowMain implements Runnable {

	public static final int OK = 0;

	public static final int JOB_FAILED = 1;

	public static final int BAD_USAGE = 2;

	/**
	 * What every command's help says about exit codes, unless the command says otherwise.
	 */
	static final Map<String, String> EXIT_CODES = exitCodes("done", "the job failed (the message names the cause)");

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--verbose", scope = ScopeType.INHERIT,
			description = "Also print progress (INFO log lines) on stderr; they always go to reports/introflow.log.")
	boolean verbose;

	static {
		// Jakarta Mail looks its stream provider up through the service loader, a scan of
		// the whole class path, each
		// time it reads or writes a header block; naming it here turns that into a
		// class-cache hit (measured: it had
		// been most of the CPU time spent sending, see docs/benchmarks.md)
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
		}
	}

	public static void main(String[] args) {
		System.exit(execute(args, Map.of()));
	}

	/**
	 * Runs one command line in this JVM. {@code overrides} are Spring properties that win
	 * over every file, for tests and for the demo.
	 */
	public static int execute(String[] args, Map<String, Object> overrides) {
		return execute(args, overrides, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
	}

	/** Runs one command line in this JVM, printing to the given writers. */
	public static int execute(String[] args, Map<String, Object> overrides, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new IntroflowMain(), new Factory(new LinkedHashMap<>(overrides), err));
		cli.setOut(out);
		cli.setErr(err);
		helpEverywhere(cli);
		cli.setExecutionStrategy(parseResult -> {
			showProgressIfVerbose(parseResult);
			return new CommandLine.RunLast().execute(parseResult);
		});
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			commandLine.getErr().println("introflow: " + ex.getMessage());
			return (ex instanceof ConfigurationProblem) ? BAD_USAGE : JOB_FAILED;
		});
		try {
			return cli.execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/**
	 * Gives every command and subcommand {@code -h/--help} and an "Exit codes:" section,
	 * here rather than in each annotation, so that a command added later cannot miss
	 * them. A command that lists its own exit codes keeps them.
	 */
	static void helpEverywhere(CommandLine command) {
		CommandSpec spec = command.getCommandSpec();
		if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
			spec.addOption(OptionSpec.builder("-h", "--help")
				.usageHelp(true)
				.description("Show this help message and exit.")
				.build());
		}
		if (spec.usageMessage().exitCodeList().isEmpty()) {
			spec.usageMessage().exitCodeList(EXIT_CODES);
		}
		spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
		command.getSubcommands().values().forEach(IntroflowMain::helpEverywhere);
	}

	/**
	 * The exit codes 0, 1 and 2 as a help section; 2 always means bad usage or
	 * configuration.
	 */
	static Map<String, String> exitCodes(String zero, String one) {
		Map<String, String> codes = new LinkedHashMap<>();
		codes.put("0", zero);
		codes.put("1", one);
		codes.put("2", "bad usage or configuration; nothing ran");
		return codes;
	}

	/**
	 * {@code --verbose}, given at any level of the command line (an inherited option is
	 * matched on the subcommand it follows): the command's INFO log lines go to stderr as
	 * well as to the log file.
	 */
	private static void showProgressIfVerbose(CommandLine.ParseResult parseResult) {
		boolean verbose = false;
		for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
			verbose |= p.hasMatchedOption("--verbose");
		}
		for (CommandLine.ParseResult p = parseResult; verbose && p != null; p = p.subcommand()) {
			if (p.commandSpec().userObject() instanceof SpringCommand command) {
				command.overrides.put("logging.threshold.console", "INFO");
			}
		}
	}

	/** Hands every command the property overrides. */
	private record Factory(Map<String, Object> overrides, PrintWriter err) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			K instance = CommandLine.defaultFactory().create(type);
			if (instance instanceof SpringCommand command) {
				command.overrides.putAll(overrides);
				command.err = err;
			}
			return instance;
		}

	}

}
