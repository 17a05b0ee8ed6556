package io.introflow.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code introflow help [COMMAND [SUBCOMMAND...]]}: the usage of any command, however
 * deep; picocli's own help command looks up only the first name.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
		description = "Show the usage of a command, such as: help run nightly.")
class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

	@Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and subcommands, to explain.")
	String[] names = {};

	private CommandLine self;

	private PrintWriter out;

	private CommandLine.Help.Ansi ansi;

	@Override
	public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
			PrintWriter err) {
		this.self = helpCommandLine;
		this.out = out;
		this.ansi = colorScheme.ansi();
	}

	@Override
	public void run() {
		CommandLine command = self.getParent();
		for (String name : names) {
			CommandLine sub = command.getSubcommands().get(name);
			if (sub == null) {
				throw new CommandLine.ParameterException(self, "Unknown command: '" + String.join(" ", names) + "'");
			}
			command = sub;
		}
		command.usage(out, ansi);
	}

}
