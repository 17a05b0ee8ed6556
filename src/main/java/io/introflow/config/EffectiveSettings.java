package io.introflow.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The settings in effect and where each came from (a file and line, an environment
 * variable, {@code --set}, or the built-in defaults in the application), read from
 * Spring's property sources in their order of precedence.
 */
@Component
public class EffectiveSettings {

	private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "passphrase");

	private static final List<String> SHOWN_OUTSIDE_INTROFLOW = List.of("spring.datasource.url",
			"spring.datasource.username", "spring.datasource.password");

	private static final Pattern LIST_INDEX = Pattern.compile("\\[(\\d+)\\]");

	/**
	 * The file in a config property source's name:
	 * {@code Config resource 'file [/x/intake.yml]' via ...}.
	 */
	private static final Pattern SOURCE_FILE = Pattern.compile("\\[([^\\]]+)\\]");

	private final ConfigurableEnvironment environment;

	EffectiveSettings(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * One setting in effect.
	 *
	 * @param key the setting's name, as in the files
	 * @param value its value, placeholders resolved, secrets masked
	 * @param origin where it came from, for people
	 * @param builtIn whether it is the application's own default (not set by the
	 * operator)
	 */
	public record Setting(String key, String value, String origin, boolean builtIn) {
	}

	/** Every {@code introflow.*} setting and the database connection, sorted by key. */
	public List<Setting> all() {
		List<ConfigurationPropertyName> names = new ArrayList<>();
		for (ConfigurationPropertySource source : sources()) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(EffectiveSettings::shown).filter(n -> !names.contains(n)).forEach(names::add);
			}
		}
		return names.stream()
			.map(n -> find(n.toString()).orElse(null))
			.filter(s -> s != null)
			.sorted(Comparator.comparing(s -> sortKey(s.key())))
			.toList();
	}

	/** The setting with this name in effect, if any. */
	public Optional<Setting> find(String key) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
		for (ConfigurationPropertySource source : sources()) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				Origin origin = unwrap(property.getOrigin());
				boolean builtIn = builtIn(source.getUnderlyingSource(), origin);
				String value = (property.getValue() != null)
						? environment.resolvePlaceholders(property.getValue().toString()) : "";
				return Optional.of(new Setting(key, mask(key, value), describe(source, origin, builtIn), builtIn));
			}
		}
		return Optional.empty();
	}

	/** List entries in their order: {@code steps[2]} before {@code steps[10]}. */
	private static String sortKey(String key) {
		return LIST_INDEX.matcher(key)
			.replaceAll(m -> "[" + "0".repeat(Math.max(0, 6 - m.group(1).length())) + m.group(1) + "]");
	}

	private Iterable<ConfigurationPropertySource> sources() {
		return ConfigurationPropertySources.from(environment.getPropertySources());
	}

	private static boolean shown(ConfigurationPropertyName name) {
		String key = name.toString();
		return key.startsWith("introflow.") || SHOWN_OUTSIDE_INTROFLOW.contains(key);
	}

	static String mask(String key, String value) {
		String lower = key.toLowerCase(Locale.ROOT);
		if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
			return value.isEmpty() ? "(empty)" : "****";
		}
		return value;
	}

	/**
	 * The defaults shipped inside the application: its own application.yml, and Spring's
	 * default properties.
	 */
	private static boolean builtIn(Object underlying, Origin origin) {
		return underlying instanceof PropertySource<?> ps
				&& (ps.getName().contains("class path resource") || ps.getName().equals("defaultProperties"));
	}

	/**
	 * Spring wraps a file's or variable's own origin in the property source's; the inner
	 * one has the line.
	 */
	private static Origin unwrap(Origin origin) {
		return (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) ? wrapper.getOrigin()
				: origin;
	}

	private static String describe(ConfigurationPropertySource source, Origin origin, boolean builtIn) {
		Object underlying = source.getUnderlyingSource();
		if (builtIn) {
			return (origin instanceof TextResourceOrigin text && text.getLocation() != null)
					? "built-in default (application.yml:" + (text.getLocation().getLine() + 1) + ")"
					: "built-in default";
		}
		if (underlying instanceof CommandLinePropertySource<?>) {
			return (origin instanceof PropertySourceOrigin o && o.getPropertyName().equals("introflow.home"))
					? "--home, else INTROFLOW_HOME, else the launcher's folder" : "--set";
		}
		if (origin instanceof SystemEnvironmentOrigin env) {
			return "environment variable " + env.getProperty();
		}
		if (origin instanceof TextResourceOrigin text) {
			Resource resource = text.getResource();
			String line = (text.getLocation() != null) ? ":" + (text.getLocation().getLine() + 1) : "";
			return fileName(resource) + line;
		}
		if (underlying instanceof PropertySource<?> ps) {
			// an empty list or map in a file has no line of its own
			Matcher file = SOURCE_FILE.matcher(ps.getName());
			return file.find() ? file.group(1) : ps.getName();
		}
		return (origin != null) ? origin.toString() : "unknown";
	}

	private static String fileName(Resource resource) {
		try {
			return resource.getFile().getPath();
		}
		catch (Exception ex) {
			return resource.getDescription();
		}
	}

}
