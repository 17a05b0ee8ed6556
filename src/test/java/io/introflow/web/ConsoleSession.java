package io.introflow.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openqa.selenium.WebDriver;

import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's requests to {@code serve} over plain HTTP, no redirect followed. The
 * session cookie is {@code Secure}, which java.net's cookie handling will not send over
 * http: it is carried by hand.
 */
final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final WebServer server;

	private String session;

	/** A stranger: no session until a page gives one. */
	ConsoleSession(WebServer server) {
		this.server = server;
	}

	/**
	 * The session of a browser (its session cookie), for requests a browser would not
	 * make.
	 */
	static ConsoleSession of(WebDriver browser, WebServer server) {
		ConsoleSession http = new ConsoleSession(server);
		http.session = browser.manage().getCookieNamed("JSESSIONID").getValue();
		return http;
	}

	/**
	 * Logs {@code user} in with {@link ConsoleLogin#PASSWORD}; the log-in must land on
	 * the console.
	 */
	static ConsoleSession loggedIn(WebServer server, String user) throws Exception {
		ConsoleSession http = new ConsoleSession(server);
		HttpResponse<String> loggedIn = http.logIn(user, ConsoleLogin.PASSWORD);
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
		return http;
	}

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

	/**
	 * Posts the log-in form as the page gives it; the answer is the redirect that
	 * follows.
	 */
	HttpResponse<String> logIn(String user, String password) throws Exception {
		return post("/login", Map.of("username", user, "password", password, "_csrf", csrfOf("/login")));
	}

	/** The CSRF token of a form on a page of this session. */
	String csrfOf(String page) throws Exception {
		HttpResponse<String> answer = get(page);
		assertThat(answer.statusCode()).as("GET %s", page).isEqualTo(200);
		Matcher token = CSRF.matcher(answer.body());
		assertThat(token.find()).as("a CSRF token in %s", page).isTrue();
		return token.group(1);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/").toString()).resolve(path))
			.timeout(Duration.ofSeconds(20));
		if (session != null) {
			request.header("Cookie", "JSESSIONID=" + session);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION::matcher)
			.filter(Matcher::find)
			.map(m -> m.group(1))
			.findFirst()
			.ifPresent(id -> session = id);
		return answer;
	}

}
