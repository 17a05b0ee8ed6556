package io.introflow.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running {@code introflow serve}: the Spring context with its embedded web server.
 * {@code ServeCommand} starts one and waits for it to be stopped; tests start one on a
 * free port and close it.
 */
public final class WebServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private WebServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts {@code serve} on an installation, with settings that win over its files (as
	 * {@code --set} does); {@code server.port=0} picks a free port. The scheduler is off
	 * unless the settings turn it on ({@code introflow.schedule.enabled=true}): a test's
	 * nights are the ones it runs.
	 */
	public static WebServer start(Path home, Map<String, Object> settings) {
		ServeCommand command = new ServeCommand();
		command.home = home;
		command.overrides.put("introflow.schedule.enabled", false);
		command.overrides.putAll(settings);
		return command.startServer(Map.of());
	}

	static WebServer start(SpringCommand command, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>(extra);
		properties.put("spring.main.web-application-type", "servlet");
		return new WebServer(command.start(properties));
	}

	public int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** {@code http://localhost:<port><path>} */
	public URI url(String path) {
		return URI.create("http://localhost:" + port() + path);
	}

	public ConfigurableApplicationContext context() {
		return context;
	}

	@Override
	public void close() {
		context.close();
	}

}
