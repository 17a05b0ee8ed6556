package io.introflow.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's defences over plain HTTP: CSRF on every form, the log-in throttle, and no
 * page that answers a stranger but the public ones. The session cookie is {@code Secure},
 * which java.net's cookie handler keeps from plain http, so the tests carry it by hand.
 */
class ConsoleSecurityTests {

	private static final String REP = "maria.lopez@introflow.example";

	private static final String GUESSED = "james.okafor@introflow.example";

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	static WebServer server;

	@BeforeAll
	static void serve() throws Exception {
		server = app.serve(ConsoleLogin.users(REP, GUESSED));
	}

	@Test
	void aFormPostedWithoutItsCsrfTokenIsForbidden() throws Exception {
		ConsoleSession ops = new ConsoleSession(server);
		assertThat(ops.logIn(ConsoleLogin.OPS, ConsoleLogin.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/console"));

		HttpResponse<String> withoutToken = ops.post("/console/today/emails/1/requeue", Map.of());
		HttpResponse<String> withToken = ops.post("/console/today/emails/1/requeue",
				Map.of("_csrf", ops.csrfOf("/console/today")));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		// the same form with its token is done (email 1 is in no doubt: nothing changes)
		// and back to the page
		assertThat(withToken.statusCode()).isEqualTo(302);
		assertThat(withToken.headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/console/today"));
	}

	@Test
	void aRepMayNotSettleAnEmailInDoubt() throws Exception {
		ConsoleSession rep = new ConsoleSession(server);
		rep.logIn(REP, ConsoleLogin.PASSWORD);

		HttpResponse<String> markSent = rep.post("/console/today/emails/1/mark-sent",
				Map.of("_csrf", rep.csrfOf("/console/today")));

		assertThat(markSent.statusCode()).isEqualTo(403);
	}

	@Test
	void afterFiveWrongPasswordsTheSixthLogInIsTurnedAwayEvenWithTheRightPassword() throws Exception {
		for (int i = 0; i < LoginThrottle.PER_NAME; i++) {
			HttpResponse<String> wrong = new ConsoleSession(server).logIn(GUESSED, "guess " + i);
			assertThat(wrong.headers().firstValue("Location"))
				.hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
		}

		ConsoleSession owner = new ConsoleSession(server);
		HttpResponse<String> right = owner.logIn(GUESSED, ConsoleLogin.PASSWORD);

		assertThat(right.headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/login?wait=15"));
		assertThat(owner.get("/console/today").statusCode()).isEqualTo(302);
		assertThat(owner.get("/login?wait=15").body()).contains("Too many wrong passwords: wait 15 minutes");
		// another user at the same address is not held up
		assertThat(new ConsoleSession(server).logIn(REP, ConsoleLogin.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
	}

	@Test
	void noPageAnswersAStrangerButThePublicOnesAndTheConsoleSendsThemToLogIn() throws Exception {
		RequestMappingHandlerMapping mappings = server.context()
			.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
		Set<String> paths = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
				info.getPatternValues().forEach(p -> paths.add(p.replaceAll("\\{[^}]*\\}", "1").replace("**", "x")));
			}
		}
		assertThat(paths).contains("/console", "/console/today", "/login");

		Map<String, String> answers = new LinkedHashMap<>();
		for (String path : paths) {
			HttpResponse<String> answer = new ConsoleSession(server).get(path);
			String location = answer.headers().firstValue("Location").orElse("");
			answers.put(path, answer.statusCode() + " " + location);
		}

		List<String> wrong = new ArrayList<>();
		answers.forEach((path, answer) -> {
			boolean console = path.equals("/console") || path.startsWith("/console/");
			boolean ok = console ? answer.startsWith("302 ") && answer.endsWith("/login")
					: isPublic(path) || !answer.startsWith("2");
			if (!ok) {
				wrong.add(path + " -> " + answer);
			}
		});
		assertThat(wrong).as("every GET mapping: %s", answers).isEmpty();
	}

	private static boolean isPublic(String path) {
		return path.equals("/") || path.equals("/login") || path.equals("/error") || path.startsWith("/i/")
				|| path.startsWith("/unsubscribe/");
	}

}
