package io.introflow.playbook;

import java.time.LocalDate;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroState;

/**
 * Whether a referrer may be asked for an introduction on a given day, and if not, why:
 * suppressed, paused, an introduction still waiting for them, a relationship too young,
 * the cool-down since the last ask, the yearly cap.
 */
@Component
public class Eligibility {

	private final ContactRepository contacts;

	private final AccountPauses pauses;

	private final SequenceProperties.Eligibility rules;

	private final JdbcClient jdbc;

	public Eligibility(ContactRepository contacts, AccountPauses pauses, SequenceProperties properties,
			JdbcClient jdbc) {
		this.contacts = contacts;
		this.pauses = pauses;
		this.rules = properties.eligibility();
		this.jdbc = jdbc;
	}

	/**
	 * What eligibility looks at for one referrer on one day.
	 *
	 * @param awaiting the referrer's introduction that still waits for them, if any
	 * @param asks the days they were asked in the 365 days up to the day, newest first
	 */
	public record Standing(boolean suppressed, Optional<AccountPauses.Pause> pause, Optional<Awaiting> awaiting,
			List<LocalDate> asks) {

		/**
		 * The same standing once an introduction was planned for the referrer: it now
		 * waits for them.
		 */
		public Standing planned(String token) {
			return new Standing(suppressed, pause, Optional.of(new Awaiting(token, IntroState.PLANNED)), asks);
		}

	}

	/**
	 * An introduction that waits for its referrer: its token and state, as a refusal
	 * names them.
	 */
	public record Awaiting(String token, IntroState state) {
	}

	/**
	 * @return null when the referrer may be asked, else the reason they may not
	 */
	public String refusal(Contact referrer, LocalDate day) {
		String email = referrer.email().toLowerCase(Locale.ROOT);
		Optional<Awaiting> open = Optional.ofNullable(awaiting(List.of(email)).get(email));
		return refusal(referrer, new Standing(contacts.isSuppressed(referrer.email()), pauses.activeFor(referrer, day),
				open, asksInYearBefore(referrer.email(), day)), day);
	}

	/**
	 * The rule, without the database. @return null when the referrer may be asked, else
	 * the reason they may not
	 */
	public String refusal(Contact referrer, Standing standing, LocalDate day) {
		if (standing.suppressed()) {
			return "address is suppressed";
		}
		if (standing.pause().isPresent()) {
			return "account paused: " + standing.pause().get().describe();
		}
		if (standing.awaiting().isPresent()) {
			Awaiting open = standing.awaiting().get();
			return "referrer already has open introduction " + open.token() + " (" + open.state() + ")";
		}
		if (referrer.since() != null && referrer.since().plusDays(rules.minRelationshipDays()).isAfter(day)) {
			return "relationship began on " + referrer.since() + "; first ask from "
					+ referrer.since().plusDays(rules.minRelationshipDays()) + " (min-relationship-days "
					+ rules.minRelationshipDays() + ")";
		}
		List<LocalDate> asks = standing.asks();
		if (!asks.isEmpty() && asks.get(0).plusDays(rules.coolDownDays()).isAfter(day)) {
			return "asked on " + asks.get(0) + "; cool-down of " + rules.coolDownDays() + " days until "
					+ asks.get(0).plusDays(rules.coolDownDays());
		}
		if (asks.size() >= rules.maxAsksPerYear()) {
			LocalDate oldest = asks.get(rules.maxAsksPerYear() - 1);
			return "asked " + asks.size() + " times in the last 365 days (max-asks-per-year " + rules.maxAsksPerYear()
					+ "); next possible on " + oldest.plusDays(365);
		}
		return null;
	}

	/**
	 * The standing of many referrers on one day, in one set query per fact (suppressions,
	 * pauses, introductions that wait for them, asks in the year), for a chunk of
	 * triggers.
	 */
	public Map<String, Standing> standings(Collection<Contact> referrers, LocalDate day) {
		Map<String, Standing> standings = new HashMap<>();
		if (referrers.isEmpty()) {
			return standings;
		}
		List<String> emails = referrers.stream().map(Contact::email).distinct().toList();
		Set<String> suppressed = contacts.suppressedAmong(emails);
		Map<String, AccountPauses.Pause> paused = pauses.activeForAll(referrers, day);
		Map<String, Awaiting> awaiting = awaiting(emails);
		Map<String, List<LocalDate>> asks = new HashMap<>();
		jdbc.sql("""
				SELECT referrer_email, asked_on FROM introduction WHERE referrer_email IN (:emails)
				  AND asked_on IS NOT NULL AND asked_on > :since ORDER BY asked_on DESC""")
			.param("emails", emails)
			.param("since", day.minusDays(365))
			.query((ResultSet rs) -> {
				asks.computeIfAbsent(rs.getString(1), e -> new ArrayList<>()).add(rs.getObject(2, LocalDate.class));
			});
		for (String email : emails) {
			standings.put(email, new Standing(suppressed.contains(email), Optional.ofNullable(paused.get(email)),
					Optional.ofNullable(awaiting.get(email)), asks.getOrDefault(email, List.of())));
		}
		return standings;
	}

	/**
	 * The first introduction (by id) of each referrer that still waits for them (planned,
	 * or asked and not yet made). Once they have made the introduction, the rest is the
	 * rep's work, and the referrer may be asked again after the cool-down.
	 */
	private Map<String, Awaiting> awaiting(List<String> emails) {
		Map<String, Awaiting> awaiting = new HashMap<>();
		List<String> open = Arrays.stream(IntroState.values())
			.filter(IntroState::awaitsReferrer)
			.map(Enum::name)
			.toList();
		jdbc.sql("SELECT referrer_email, token, state FROM introduction WHERE referrer_email IN (:emails) "
				+ "AND state IN (:open) ORDER BY id")
			.param("emails", emails)
			.param("open", open)
			.query((ResultSet rs) -> {
				awaiting.putIfAbsent(rs.getString(1),
						new Awaiting(rs.getString(2), IntroState.valueOf(rs.getString(3))));
			});
		return awaiting;
	}

	/**
	 * The days the referrer was asked in the 365 days up to {@code day}, newest first.
	 */
	public List<LocalDate> asksInYearBefore(String email, LocalDate day) {
		return jdbc.sql("""
				SELECT asked_on FROM introduction WHERE referrer_email = ? AND asked_on IS NOT NULL AND asked_on > ?
				ORDER BY asked_on DESC""").params(email, day.minusDays(365)).query(LocalDate.class).list();
	}

}
