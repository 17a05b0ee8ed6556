package io.introflow.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.intro.IntroState;

/**
 * The funnel asked -&gt; agreed -&gt; introduced -&gt; engaged -&gt; meeting -&gt; won,
 * counted per group (month, owner, segment, trigger type, A/B variant) in one query per
 * grouping, for the console's funnel page. The stages mean what {@code introflow status}
 * means: an introduction is <em>asked</em> when its ask email was sent (as
 * {@link Funnel}'s A/B table counts it), and it has reached a later stage when its state
 * now is that stage or a later one on the way to won (a lost introduction had its
 * meeting). An introduction that agreed and then went quiet, or was declined, counts as
 * asked only: the counts follow the state, so a person's correction moves them too.
 */
@Component
public class FunnelBreakdown {

	/** The stages, in funnel order. */
	public enum Stage {

		ASKED(EnumSet.noneOf(IntroState.class)),
		AGREED(EnumSet.of(IntroState.AGREED, IntroState.INTRODUCED, IntroState.ENGAGED, IntroState.MEETING,
				IntroState.WON, IntroState.LOST)),
		INTRODUCED(EnumSet.of(IntroState.INTRODUCED, IntroState.ENGAGED, IntroState.MEETING, IntroState.WON,
				IntroState.LOST)),
		ENGAGED(EnumSet.of(IntroState.ENGAGED, IntroState.MEETING, IntroState.WON, IntroState.LOST)),
		MEETING(EnumSet.of(IntroState.MEETING, IntroState.WON, IntroState.LOST)), WON(EnumSet.of(IntroState.WON));

		/**
		 * The states an introduction at this stage or further is in; empty for ASKED,
		 * which the ask email tells.
		 */
		private final Set<IntroState> reached;

		Stage(Set<IntroState> reached) {
			this.reached = reached;
		}

		/** A lower-case key: asked, agreed, ... */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		private String condition() {
			if (this == ASKED) {
				return Funnel.ASK_SENT;
			}
			return reached.stream()
				.map(s -> "'" + s.name() + "'")
				.collect(Collectors.joining(", ", "i.state IN (", ")"));
		}

	}

	/**
	 * What the introductions are grouped by; each names the SQL expression of its group
	 * key.
	 */
	public enum Grouping {

		/**
		 * The month the referrer was asked (the month it was planned, for one not asked
		 * yet), as yyyymm.
		 */
		MONTH("EXTRACT(YEAR FROM COALESCE(i.asked_on, i.created_on)) * 100 "
				+ "+ EXTRACT(MONTH FROM COALESCE(i.asked_on, i.created_on))"),
		OWNER("i.owner_email"), SEGMENT("i.segment"), TRIGGER("COALESCE(t.type, 'none')"), VARIANT("i.variant");

		private final String key;

		Grouping(String key) {
			this.key = key;
		}

		/** A lower-case key: month, owner, ... */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One group's funnel.
	 *
	 * @param name the group: a month as {@code 2026-03}, an owner's email, a segment, a
	 * trigger type ({@code none} for an introduction without one) or a variant
	 * @param introductions every introduction of the group, asked or not
	 * @param counts per {@link Stage}, in stage order
	 */
	public record Group(String name, long introductions, List<Long> counts) {

		/** The count at a stage. */
		public long at(Stage stage) {
			return counts.get(stage.ordinal());
		}

		/**
		 * The share of the stage before {@code stage} that reached it, in whole percent;
		 * null for the first stage and when the stage before has none.
		 */
		public Integer percent(int stage) {
			if (stage <= 0 || counts.get(stage - 1) == 0) {
				return null;
			}
			return (int) Math.round(100.0 * counts.get(stage) / counts.get(stage - 1));
		}

	}

	private final JdbcClient jdbc;

	FunnelBreakdown(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every grouping's funnel, in {@link Grouping} order. */
	public Map<Grouping, List<Group>> all(Optional<String> owner) {
		Map<Grouping, List<Group>> all = new LinkedHashMap<>();
		for (Grouping grouping : Grouping.values()) {
			all.put(grouping, by(grouping, owner));
		}
		return all;
	}

	/**
	 * The funnel per group, in group order (months oldest first).
	 * @param owner only this owner's introductions (lower-case email); empty for every
	 * owner's
	 */
	public List<Group> by(Grouping grouping, Optional<String> owner) {
		StringBuilder flags = new StringBuilder();
		StringBuilder sums = new StringBuilder();
		for (Stage stage : Stage.values()) {
			flags.append(", CASE WHEN ")
				.append(stage.condition())
				.append(" THEN 1 ELSE 0 END AS s")
				.append(stage.ordinal());
			sums.append(", SUM(s").append(stage.ordinal()).append(')');
		}
		String sql = "SELECT g, COUNT(*)" + sums + " FROM (SELECT " + grouping.key + " AS g" + flags
				+ " FROM introduction i LEFT JOIN intro_trigger t ON t.id = i.trigger_id"
				+ (owner.isPresent() ? " WHERE i.owner_email = :owner" : "") + ") x GROUP BY g ORDER BY g";
		JdbcClient.StatementSpec statement = jdbc.sql(sql);
		if (owner.isPresent()) {
			statement = statement.param("owner", owner.get().toLowerCase(Locale.ROOT));
		}
		return statement.query((rs, n) -> {
			List<Long> counts = new ArrayList<>();
			for (Stage stage : Stage.values()) {
				counts.add(rs.getLong(3 + stage.ordinal()));
			}
			return new Group(name(grouping, rs.getString(1)), rs.getLong(2), List.copyOf(counts));
		}).list();
	}

	/** Every introduction's funnel together: the sum of any grouping's groups. */
	public static Group total(List<Group> groups) {
		List<Long> counts = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			counts.add(groups.stream().mapToLong(g -> g.at(stage)).sum());
		}
		return new Group("total", groups.stream().mapToLong(Group::introductions).sum(), List.copyOf(counts));
	}

	private static String name(Grouping grouping, String key) {
		if (grouping == Grouping.MONTH) {
			int yyyymm = (int) Math.round(Double.parseDouble(key));
			return String.format(Locale.ROOT, "%04d-%02d", yyyymm / 100, yyyymm % 100);
		}
		return (key == null || key.isEmpty()) ? "none" : key;
	}

}
