package io.introflow.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.config.EffectiveSettings;
import io.introflow.config.InertSettings;

/**
 * {@code introflow config show}: the home folder and every setting in effect, with where
 * it came from and secrets masked, so an operator sees what a command will use before it
 * runs.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
		description = "Show the installation's settings and where each one comes from.",
		subcommands = ConfigCommand.Show.class)
class ConfigCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/** {@code introflow config show [--json]}. */
	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Print the home folder, then each setting in effect, its value and where it came from "
					+ "(file:line, environment variable, --set, or built-in default); secrets are masked.")
	static class Show extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--json", description = "Print JSON for scripts instead of a table.")
		boolean json;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				List<EffectiveSettings.Setting> settings = context.getBean(EffectiveSettings.class).all();
				List<String> warnings = context.getBean(InertSettings.class).warnings();
				if (json) {
					printJson(out, settings, warnings);
				}
				else {
					printTable(out, settings);
				}
				out.flush();
				return IntroflowMain.OK;
			}
		}

		/**
		 * Warnings are not repeated here: start() has printed them to the error writer.
		 */
		private void printTable(PrintWriter out, List<EffectiveSettings.Setting> settings) {
			out.println("Home: " + home());
			out.println("Config files: " + home().resolve("config").resolve("application.yml") + " (or "
					+ "application.properties), then batch-config/*.yml");
			out.println();
			int keyWidth = Math.max("SETTING".length(),
					settings.stream().mapToInt(s -> s.key().length()).max().orElse(0));
			int valueWidth = Math.max("VALUE".length(),
					settings.stream().mapToInt(s -> s.value().length()).max().orElse(0));
			String format = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
			out.printf(format, "SETTING", "VALUE", "FROM");
			for (EffectiveSettings.Setting s : settings) {
				out.printf(format, s.key(), s.value(), s.origin());
			}
		}

		private void printJson(PrintWriter out, List<EffectiveSettings.Setting> settings, List<String> warnings) {
			StringBuilder json = new StringBuilder("{\n  \"home\": ").append(quote(home().toString()))
				.append(",\n  \"settings\": [");
			for (int i = 0; i < settings.size(); i++) {
				EffectiveSettings.Setting s = settings.get(i);
				json.append(i == 0 ? "\n" : ",\n")
					.append("    {\"key\": ")
					.append(quote(s.key()))
					.append(", \"value\": ")
					.append(quote(s.value()))
					.append(", \"from\": ")
					.append(quote(s.origin()))
					.append(", \"builtIn\": ")
					.append(s.builtIn())
					.append('}');
			}
			json.append("\n  ],\n  \"warnings\": [");
			for (int i = 0; i < warnings.size(); i++) {
				json.append(i == 0 ? "" : ", ").append(quote(warnings.get(i)));
			}
			out.println(json.append("]\n}"));
		}

		private static String quote(String text) {
			StringBuilder q = new StringBuilder("\"");
			for (char c : text.toCharArray()) {
				switch (c) {
					case '"' -> q.append("\\\"");
					case '\\' -> q.append("\\\\");
					case '\n' -> q.append("\\n");
					case '\r' -> q.append("\\r");
					case '\t' -> q.append("\\t");
					default -> q.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
				}
			}
			return q.append('"').toString();
		}

	}

}
