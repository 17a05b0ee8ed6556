package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.demo.Demo;

/**
 * {@code introflow serve}: the web side on the same database as the CLI (the public
 * pages, health and metrics, and the scheduler). It runs until stopped (Ctrl-C, or
 * SIGTERM from systemd); the CLI keeps working meanwhile.
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

	@Option(names = "--demo", arity = "0..1", paramLabel = "FOLDER", fallbackValue = "",
			description = "Serve the database `introflow demo` wrote (default: demo-output under the home folder) on "
					+ "this machine, without the scheduler, and print links to its pages.")
	String demo;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		Path demoFolder = (demo == null) ? null
				: demo.isBlank() ? home().resolve("demo-output") : Path.of(demo).toAbsolutePath().normalize();
		if (demoFolder != null && !Demo.hasRun(demoFolder)) {
			throw new CommandLine.ParameterException(spec.commandLine(),
					"no demo database in " + demoFolder + ": run ./introflow demo first");
		}
		Map<String, Object> extra = (demoFolder == null) ? Map.of()
				: Demo.serveProperties(demoFolder, (port != null) ? port : Demo.PAGES_PORT);
		try (WebServer server = startServer(extra)) {
			CountDownLatch stopped = new CountDownLatch(1);
			server.context().addApplicationListener(event -> {
				if (event instanceof ContextClosedEvent) {
					stopped.countDown();
				}
			});
			Thread hook = new Thread(server::close, "introflow-serve-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			if (demoFolder == null) {
				out.println(
						"Introflow serving " + home() + " on http://localhost:" + server.port() + "/ (Ctrl-C stops)");
			}
			else {
				out.println("Introflow serving the demo in " + demoFolder + " (no scheduled nights; Ctrl-C stops).");
				out.println("Open in a browser:");
				Demo.pageLinks(server.context(), Demo.pagesBase(server.port())).forEach(out::println);
			}
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
