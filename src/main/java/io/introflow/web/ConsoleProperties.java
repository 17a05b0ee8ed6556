package io.introflow.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in to the console of {@code introflow serve}: each user's name, BCrypt hash
 * and role. A REP's name is the owner's email address in the clients file (the console
 * shows them the introductions they own); an OPS user sees everything. Hashes come from
 * {@code introflow console hash-password}; a plain password is refused.
 */
@ConfigurationProperties("introflow.console")
public record ConsoleProperties(List<User> users) {

	/**
	 * A BCrypt hash as Spring Security writes it, with or without the {@code {bcrypt}}
	 * prefix.
	 */
	private static final Pattern BCRYPT = Pattern.compile("(\\{bcrypt\\})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	public ConsoleProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
		long names = users.stream().map(User::name).distinct().count();
		if (names != users.size()) {
			throw new IllegalArgumentException("introflow.console.users names a user twice");
		}
	}

	/** What a console user may see and do. */
	public enum Role {

		/**
		 * Marketing operations: every introduction, the nights, the funnel of every
		 * owner, corrections.
		 */
		OPS,

		/**
		 * A sales rep: the introductions, replies and previews of the clients they own.
		 */
		REP

	}

	/** One console user; {@code name} is lower-cased (a REP's is an email address). */
	public record User(String name, String password, Role role) {

		public User {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("introflow.console.users: a user without a name");
			}
			name = name.strip().toLowerCase(Locale.ROOT);
			if (role == null) {
				throw new IllegalArgumentException(
						"introflow.console.users: user '" + name + "' needs a role, OPS or REP");
			}
			if (role == Role.REP && !name.contains("@")) {
				throw new IllegalArgumentException("introflow.console.users: REP user '" + name
						+ "' must be named by the owner's email address in the clients file");
			}
			if (password == null || !BCRYPT.matcher(password.strip()).matches()) {
				throw new IllegalArgumentException("introflow.console.users: user '" + name
						+ "' needs a BCrypt hash as password (make one with: introflow console hash-password)");
			}
			password = password.strip();
			if (!password.startsWith("{bcrypt}")) {
				password = "{bcrypt}" + password;
			}
		}

		@Override
		public String toString() {
			return "User[" + name + ", " + role + "]";
		}

	}

}
