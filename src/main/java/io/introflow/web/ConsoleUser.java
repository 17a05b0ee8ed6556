package io.introflow.web;

import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ResponseStatusException;

/**
 * The person logged in to the console, as a controller needs them: a controller method
 * takes a {@code ConsoleUser} parameter ({@link ConsoleWeb} resolves it) and scopes what
 * it reads by {@link #owner()}.
 *
 * @param name the login name, lower-case (a REP's is their email address as owner in the
 * clients file)
 * @param ops whether the user has the OPS role (sees every owner's introductions)
 */
public record ConsoleUser(String name, boolean ops) {

	static ConsoleUser of(Authentication authentication) {
		boolean ops = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(("ROLE_" + ConsoleProperties.Role.OPS)::equals);
		return new ConsoleUser(authentication.getName().toLowerCase(Locale.ROOT), ops);
	}

	/**
	 * The owner whose introductions this user sees; empty for OPS, who see every owner's.
	 */
	public Optional<String> owner() {
		return ops ? Optional.empty() : Optional.of(name);
	}

	/** Whether this user may see an introduction owned by {@code ownerEmail}. */
	public boolean sees(String ownerEmail) {
		return ops || (ownerEmail != null && name.equalsIgnoreCase(ownerEmail.strip()));
	}

	/**
	 * Answers 404 when this user may not see an introduction of {@code ownerEmail}: a rep
	 * learns nothing, not even that another rep's introduction exists.
	 */
	public void mustSee(String ownerEmail) {
		if (!sees(ownerEmail)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	/** Answers 403 unless this user has the OPS role. */
	public void mustBeOps() {
		if (!ops) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
	}

}
