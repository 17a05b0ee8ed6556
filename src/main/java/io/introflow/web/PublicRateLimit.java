package io.introflow.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public pages answer each client address a limited number of times a minute, so that
 * nobody can try tokens at speed (they are 130 random bits, but a page must not be an
 * oracle either) or hammer the database. Behind a reverse proxy the client address is the
 * one the proxy forwards (see docs/operators.md).
 */
@Component
@ConditionalOnWebApplication
class PublicRateLimit extends OncePerRequestFilter {

	/** Requests a minute per client address on the public pages. */
	static final int PER_MINUTE = 30;

	/**
	 * Past this many addresses the oldest buckets are forgotten all at once (a memory
	 * bound, not a policy).
	 */
	private static final int MAX_CLIENTS = 10_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.startsWith("/unsubscribe/") || path.startsWith("/i/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (buckets.size() > MAX_CLIENTS) {
			buckets.clear();
		}
		Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), address -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(PER_MINUTE).refillGreedy(PER_MINUTE, Duration.ofMinutes(1)).build())
			.build());
		if (bucket.tryConsume(1)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(429);
		response.setHeader("Retry-After", "60");
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("Too many requests from your address; please try again in a minute.\n");
	}

}
