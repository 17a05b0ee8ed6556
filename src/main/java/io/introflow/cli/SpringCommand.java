package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

import io.introflow.IntroflowApplication;
import io.introflow.IntroflowException;
import io.introflow.batch.RunLock;
import io.introflow.config.InertSettings;

/**
 * A command that needs the application: it starts the Spring context with the
 * installation folder and any {@code --set key=value} overrides, and turns a context that
 * cannot start into a configuration problem (exit 2).
 */
abstract class SpringCommand {

	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	final Map<String, Object> overrides = new LinkedHashMap<>();

	/** Where warnings go: the command line's error writer (set by IntroflowMain). */
	PrintWriter err = new PrintWriter(System.err, true);

	@Option(names = "--home",
			description = "Installation folder with config/, inbox/, templates/, batch-config/, "
					+ "data/ and reports/ (default: INTROFLOW_HOME, else the introflow.home system property, "
					+ "else the current folder).")
	Path home;

	@Option(names = "--set", description = "Override a setting, such as --set introflow.smtp.port=2525.",
			paramLabel = "KEY=VALUE")
	Map<String, String> settings = new LinkedHashMap<>();

	Path home() {
		if (home != null) {
			return home.toAbsolutePath().normalize();
		}
		return defaultHome();
	}

	/**
	 * INTROFLOW_HOME, else the introflow.home system property (set by the launcher), else
	 * the current folder.
	 */
	static Path defaultHome() {
		String env = System.getenv("INTROFLOW_HOME");
		String property = System.getProperty("introflow.home");
		String chosen = (env != null && !env.isBlank()) ? env : (property != null) ? property : ".";
		return Path.of(chosen).toAbsolutePath().normalize();
	}

	/**
	 * Spring's config locations: the built-in defaults inside the application, then
	 * {@code <home>/config/} (its application.yml or application.properties), never the
	 * current folder, so that every command reads the same files wherever it is run from.
	 */
	static String configLocation(Path home) {
		return "optional:classpath:/,optional:file:" + home.resolve("config") + "/";
	}

	ConfigurableApplicationContext start(Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("introflow.home", home().toString());
		properties.put("spring.config.location", configLocation(home()));
		properties.putAll(extra);
		properties.putAll(overrides);
		properties.putAll(settings);
		SpringApplication app = new SpringApplicationBuilder(IntroflowApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.build();
		app.setDefaultProperties(Map.of());
		app.setRegisterShutdownHook(false);
		ConfigurableApplicationContext context;
		try {
			context = app.run(toArgs(properties));
		}
		catch (RuntimeException ex) {
			if (databaseInUse(ex)) {
				throw new IntroflowException("the database is in use by another Introflow process: "
						+ RunLock.holder(RunLock.file(home()))
							.orElse("a command that is not a run (status, demo, templates preview)")
						+ "; wait for it to finish, then run this command again", ex);
			}
			throw new ConfigurationProblem("cannot start: " + rootMessage(ex), ex);
		}
		for (String warning : context.getBean(InertSettings.class).warnings()) {
			err.println("introflow: warning: " + warning);
		}
		err.flush();
		return context;
	}

	/**
	 * H2's embedded file database is open in another process (H2 error 90020, "Database
	 * may be already in use").
	 */
	private static boolean databaseInUse(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				return true;
			}
		}
		return false;
	}

	private static String[] toArgs(Map<String, Object> properties) {
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	static String rootMessage(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BindException bind && bind.getProperty() != null) {
				ConfigurationProperty property = bind.getProperty();
				return "setting " + property.getName() + " = '" + property.getValue() + "'"
						+ (property.getOrigin() != null ? " (" + property.getOrigin() + ")" : "") + ": "
						+ innermostMessage(bind);
			}
		}
		return innermostMessage(ex);
	}

	private static String innermostMessage(Throwable ex) {
		Throwable t = ex;
		StringBuilder messages = new StringBuilder();
		while (t != null) {
			if (t.getMessage() != null && !messages.toString().contains(t.getMessage())) {
				messages.setLength(0);
				messages.append(t.getMessage());
			}
			t = t.getCause();
		}
		return messages.toString();
	}

}
