package io.introflow.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.introflow.Installation;
import io.introflow.cli.WebServer;
import io.introflow.demo.DemoMailServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's defences over plain HTTP: CSRF on every form, the log-in throttle, and no page that answers a stranger
 * but the public ones. The session cookie is {@code Secure}, which java.net's cookie handler keeps from plain http,
 * so the tests carry it by hand.
 */
class ConsoleSecurityTests {

	private static final String REP = "maria.lopez@introflow.example";

	private static final String GUESSED = "james.okafor@introflow.example";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

	@TempDir
	static Path home;

	static DemoMailServer mail;

	static WebServer server;

	static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void serve() throws Exception {
		mail = new DemoMailServer(Installation.REPLY_DOMAIN);
		Installation app = new Installation(home, mail);
		Map<String, Object> settings = new HashMap<>(app.settings());
		settings.putAll(ConsoleLogin.users(REP, GUESSED));
		settings.put("server.port", 0);
		server = WebServer.start(home, settings);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
		if (mail != null) {
			mail.close();
		}
	}

	@Test
	void aFormPostedWithoutItsCsrfTokenIsForbidden() throws Exception {
		Browser ops = new Browser();
		assertThat(ops.logIn(ConsoleLogin.OPS, ConsoleLogin.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/console"));

		HttpResponse<String> withoutToken = ops.post("/console/today/emails/1/requeue", Map.of());
		HttpResponse<String> withToken = ops.post("/console/today/emails/1/requeue",
				Map.of("_csrf", ops.csrfOf("/console/today")));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		// the same form with its token is done (email 1 is in no doubt: nothing changes) and back to the page
		assertThat(withToken.statusCode()).isEqualTo(302);
		assertThat(withToken.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
			.endsWith("/console/today"));
	}

	@Test
	void aRepMayNotSettleAnEmailInDoubt() throws Exception {
		Browser rep = new Browser();
		rep.logIn(REP, ConsoleLogin.PASSWORD);

		HttpResponse<String> markSent = rep.post("/console/today/emails/1/mark-sent",
				Map.of("_csrf", rep.csrfOf("/console/today")));

		assertThat(markSent.statusCode()).isEqualTo(403);
	}

	@Test
	void afterFiveWrongPasswordsTheSixthLogInIsTurnedAwayEvenWithTheRightPassword() throws Exception {
		for (int i = 0; i < LoginThrottle.PER_NAME; i++) {
			HttpResponse<String> wrong = new Browser().logIn(GUESSED, "guess " + i);
			assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
				.endsWith("/login?error"));
		}

		Browser owner = new Browser();
		HttpResponse<String> right = owner.logIn(GUESSED, ConsoleLogin.PASSWORD);

		assertThat(right.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
			.endsWith("/login?wait=15"));
		assertThat(owner.get("/console/today").statusCode()).isEqualTo(302);
		assertThat(owner.get("/login?wait=15").body()).contains("Too many wrong passwords: wait 15 minutes");
		// another user at the same address is not held up
		assertThat(new Browser().logIn(REP, ConsoleLogin.PASSWORD).headers().firstValue("Location"))
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
			HttpResponse<String> answer = new Browser().get(path);
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

	/** One person's requests: the session cookie carried by hand, no redirect followed. */
	static final class Browser {

		private String session;

		HttpResponse<String> get(String path) throws Exception {
			return send(request(path).GET());
		}

		HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
			String body = form.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		/** Posts the log-in form as the page gives it; the answer is the redirect that follows. */
		HttpResponse<String> logIn(String user, String password) throws Exception {
			return post("/login", Map.of("username", user, "password", password, "_csrf", csrfOf("/login")));
		}

		String csrfOf(String page) throws Exception {
			HttpResponse<String> answer = get(page);
			assertThat(answer.statusCode()).as("GET %s", page).isEqualTo(200);
			Matcher token = CSRF.matcher(answer.body());
			assertThat(token.find()).as("a CSRF token in %s", page).isTrue();
			return token.group(1);
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/").toString())
				.resolve(path));
			if (session != null) {
				request.header("Cookie", "JSESSIONID=" + session);
			}
			return request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Optional<String> cookie = answer.headers()
				.allValues("Set-Cookie")
				.stream()
				.map(SESSION::matcher)
				.filter(Matcher::find)
				.map(m -> m.group(1))
				.findFirst();
			cookie.ifPresent(id -> session = id);
			return answer;
		}

	}

}
