package io.introflow.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code introflow serve}: the web side on the same database as the CLI (the public pages, health and metrics, and
 * the scheduler). It runs until stopped (Ctrl-C, or SIGTERM from systemd); the CLI keeps working meanwhile.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		exitCodeList = { "0:stopped", "2:bad usage or configuration (the port is taken, a setting is wrong)" },
		description = "Serve the one-click unsubscribe and introduction pages, health and metrics, and run the "
				+ "scheduled nights, until stopped.")
class ServeCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--port", description = "The HTTP port (default: server.port, 8080).")
	Integer port;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		try (WebServer server = startServer(Map.of())) {
			CountDownLatch stopped = new CountDownLatch(1);
			server.context().addApplicationListener(event -> {
				if (event instanceof ContextClosedEvent) {
					stopped.countDown();
				}
			});
			Thread hook = new Thread(server::close, "introflow-serve-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			out.println("Introflow serving " + home() + " on http://localhost:" + server.port() + "/ (Ctrl-C stops)");
			out.flush();
			stopped.await();
			return IntroflowMain.OK;
		}
	}

	WebServer startServer(Map<String, Object> extra) {
		if (port != null) {
			overrides.put("server.port", port);
		}
		return WebServer.start(this, extra);
	}

}
