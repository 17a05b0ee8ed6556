package io.introflow.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down whoever guesses console passwords: after {@value #PER_NAME} wrong passwords
 * for one user name, or {@value #PER_ADDRESS} from one client address (an office behind
 * one address has several people), within {@link #WINDOW}, a log-in with that name or
 * from that address is turned away without its password being checked, until the oldest
 * of those failures is {@link #WINDOW} old. A successful log-in forgets the failures of
 * its name and address. The counts live in memory: a restart forgets them.
 */
@Component
@ConditionalOnWebApplication
class LoginThrottle {

	static final int PER_NAME = 5;

	static final int PER_ADDRESS = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	/**
	 * Past this many names and addresses the expired ones are dropped (a memory bound,
	 * not a policy).
	 */
	private static final int MAX_KEYS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How long a log-in with this name from this address must wait; zero when it may try
	 * now.
	 */
	Duration waitFor(String name, String address) {
		Instant now = clock.instant();
		Duration byName = waitFor(nameKey(name), PER_NAME, now);
		Duration byAddress = waitFor(addressKey(address), PER_ADDRESS, now);
		return (byName.compareTo(byAddress) >= 0) ? byName : byAddress;
	}

	void failed(String name, String address) {
		Instant now = clock.instant();
		if (failures.size() > MAX_KEYS) {
			failures.values().removeIf(times -> expire(times, now).isEmpty());
			if (failures.size() > MAX_KEYS) {
				failures.clear();
			}
		}
		for (String key : new String[] { nameKey(name), addressKey(address) }) {
			failures.compute(key, (k, times) -> {
				Deque<Instant> kept = expire((times != null) ? times : new ArrayDeque<>(), now);
				kept.addLast(now);
				return kept;
			});
		}
	}

	void succeeded(String name, String address) {
		failures.remove(nameKey(name));
		failures.remove(addressKey(address));
	}

	/**
	 * Turns away a log-in that must wait: back to the log-in page, which says for how
	 * long.
	 */
	OncePerRequestFilter gate() {
		return new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				return !("POST".equals(request.getMethod()) && path.equals("/login"));
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Duration wait = waitFor(request.getParameter("username"), request.getRemoteAddr());
				if (wait.isZero()) {
					chain.doFilter(request, response);
					return;
				}
				long minutes = Math.max(1, (wait.getSeconds() + 59) / 60);
				log.warn("console: log-in as '{}' from {} turned away for {} min after too many wrong passwords",
						printable(request.getParameter("username")), request.getRemoteAddr(), minutes);
				response.sendRedirect(request.getContextPath() + "/login?wait=" + minutes);
			}

		};
	}

	AuthenticationFailureHandler onFailure(String failureUrl) {
		SimpleUrlAuthenticationFailureHandler then = new SimpleUrlAuthenticationFailureHandler(failureUrl);
		return (request, response, reason) -> {
			failed(request.getParameter("username"), request.getRemoteAddr());
			then.onAuthenticationFailure(request, response, reason);
		};
	}

	AuthenticationSuccessHandler onSuccess(String targetUrl) {
		SimpleUrlAuthenticationSuccessHandler then = new SimpleUrlAuthenticationSuccessHandler(targetUrl);
		then.setAlwaysUseDefaultTargetUrl(true);
		return (request, response, authentication) -> {
			succeeded(request.getParameter("username"), request.getRemoteAddr());
			then.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private Duration waitFor(String key, int limit, Instant now) {
		Deque<Instant> times = failures.get(key);
		if (times == null) {
			return Duration.ZERO;
		}
		synchronized (times) {
			expire(times, now);
			if (times.size() < limit) {
				return Duration.ZERO;
			}
			// the failure that must age out before fewer than `limit` remain
			Instant blocking = times.stream().skip(times.size() - limit).findFirst().orElseThrow();
			Duration wait = Duration.between(now, blocking.plus(WINDOW));
			return wait.isNegative() ? Duration.ZERO : wait;
		}
	}

	private static Deque<Instant> expire(Deque<Instant> times, Instant now) {
		synchronized (times) {
			while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
				times.removeFirst();
			}
		}
		return times;
	}

	private static String nameKey(String name) {
		return "name:" + name(name);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	/**
	 * A name as typed, safe for a log line: no line breaks or other control characters,
	 * not too long.
	 */
	private static String printable(String name) {
		String s = name(name).replaceAll("\\p{Cntrl}", "?");
		return (s.length() > 100) ? s.substring(0, 100) + "..." : s;
	}

	private static String name(String name) {
		return (name != null) ? name.strip().toLowerCase(Locale.ROOT) : "";
	}

}
