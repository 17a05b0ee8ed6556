package io.introflow.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.inbound.InboundStore;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * The introduction funnel and per-introduction histories, as text for the terminal and
 * the reports folder.
 */
@Component
public class Funnel {

	/** How many lines of what a person wrote a history shows, and how much of each. */
	private static final int SHOWN_LINES = 4;

	private static final int SHOWN_WIDTH = 100;

	private final JdbcClient jdbc;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final InboundStore inbound;

	Funnel(JdbcClient jdbc, IntroductionRepository introductions, IntroEvents events, InboundStore inbound) {
		this.jdbc = jdbc;
		this.introductions = introductions;
		this.events = events;
		this.inbound = inbound;
	}

	/** Introductions per state, in state-machine order, zeros included. */
	public Map<IntroState, Integer> countsByState() {
		Map<IntroState, Integer> counts = new LinkedHashMap<>();
		for (IntroState state : IntroState.values()) {
			counts.put(state, 0);
		}
		jdbc.sql("SELECT state, COUNT(*) FROM introduction GROUP BY state")
			.query((rs, n) -> counts.put(IntroState.valueOf(rs.getString(1)), rs.getInt(2)))
			.list();
		return counts;
	}

	/**
	 * Whether the ask of introduction {@code i} was sent: a STEP_QUEUED event whose
	 * detail names the step kind {@code ask} (or {@code ask-2 (ask)} for a later one),
	 * for an outbound email that was SENT.
	 */
	static final String ASK_SENT = """
			EXISTS (SELECT 1 FROM intro_event e JOIN outbound_email o
			    ON e.cause = CONCAT('outbound:', CAST(o.id AS VARCHAR(20)))
			  WHERE e.introduction_id = i.id AND e.type = 'STEP_QUEUED' AND o.introduction_id = i.id
			    AND o.state = 'SENT' AND (e.detail = 'ask' OR e.detail LIKE '% (ask)'))""";

	/**
	 * Per template variant: how many introductions were asked (their ask email was sent,
	 * not merely queued, bounced at the relay or never composed), and how many of those
	 * became an introduction. An ask is told by its STEP_QUEUED event, whose detail names
	 * the step kind ({@code ask}, or {@code ask-2 (ask)} for a later one).
	 */
	List<FunnelCounts.Variant> variants() {
		return jdbc.sql("SELECT i.variant, SUM(CASE WHEN " + ASK_SENT + " THEN 1 ELSE 0 END)," + """
				  SUM(CASE WHEN i.state IN ('INTRODUCED', 'ENGAGED', 'MEETING', 'WON', 'LOST') THEN 1 ELSE 0 END)
				FROM introduction i GROUP BY i.variant ORDER BY i.variant""")
			.query((rs, n) -> new FunnelCounts.Variant(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** The funnel now, as data. */
	public FunnelCounts counts() {
		List<FunnelCounts.State> states = new ArrayList<>();
		countsByState()
			.forEach((state, n) -> states.add(new FunnelCounts.State(state.name().toLowerCase(Locale.ROOT), n)));
		List<FunnelCounts.Emails> emails = jdbc.sql(
				"SELECT step_key, state, COUNT(*) FROM outbound_email GROUP BY step_key, state ORDER BY step_key, state")
			.query((rs, n) -> new FunnelCounts.Emails(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT),
					rs.getInt(3)))
			.list();
		return new FunnelCounts(states, variants(), emails);
	}

	public String funnelText() {
		return text(counts());
	}

	/**
	 * The funnel as aligned tables; states with no introduction are left out, and an
	 * empty funnel says so.
	 */
	public static String text(FunnelCounts counts) {
		StringBuilder out = new StringBuilder("Introductions by state\n");
		TextTable states = TextTable.of("state", "introductions");
		counts.states()
			.stream()
			.filter(s -> s.introductions() > 0)
			.forEach(s -> states.row(TextTable.words(s.state()), s.introductions()));
		out.append(states.isEmpty() ? "  none yet\n" : states.render("  "));
		if (counts.variants().size() > 1) {
			out.append("\nA/B variants (asks sent, and of those introduced or further)\n");
			TextTable variants = TextTable.of("variant", "asked", "introduced");
			counts.variants().forEach(v -> variants.row(v.variant(), v.asked(), v.introduced()));
			out.append(variants.render("  "));
		}
		out.append("\nEmails by step\n");
		TextTable emails = TextTable.of("step", "delivery", "emails");
		counts.emails().forEach(e -> emails.row(e.step(), TextTable.words(e.delivery()), e.count()));
		out.append(emails.isEmpty() ? "  none yet\n" : emails.render("  "));
		return out.toString();
	}

	public String historyText(Introduction intro) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%s  %s -> %s%s  (%s)%n", intro.token(), intro.referrerEmail(), intro.ownerEmail(),
				(intro.prospectEmail() != null && !intro.prospectEmail().isEmpty()) ? " for " + intro.prospectEmail()
						: "",
				TextTable.words(intro.state())));
		TextTable history = TextTable.of("date", "what happened", "state", "because of", "detail");
		for (IntroEvents.Event e : events.history(intro.id())) {
			String move = (e.toState() != null) ? TextTable.words(e.fromState()) + " -> " + TextTable.words(e.toState())
					: "";
			history.row(e.occurredOn(), TextTable.words(e.type()), move, (e.cause() != null) ? e.cause() : "",
					(e.detail() != null) ? e.detail() : "");
		}
		out.append(history.render("    "));
		List<InboundStore.Received> received = inbound.ofIntroduction(intro.id());
		if (!received.isEmpty()) {
			out.append("  Messages received (what they wrote, quotes and signature removed)\n");
		}
		for (InboundStore.Received r : received) {
			out.append(String.format("    %s  inbound:%-6d %-16s %s%n", r.receivedAt().toLocalDate(), r.id(),
					TextTable.words(r.classification()), (r.sender() != null) ? r.sender() : ""));
			out.append(visibleText(r.visibleText()));
		}
		return out.toString();
	}

	/**
	 * The first few non-blank lines of what a person wrote, indented under their message.
	 */
	static String visibleText(String text) {
		String indent = "        ";
		if (text == null) {
			return indent + "(not recorded)\n";
		}
		List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		if (lines.isEmpty()) {
			return indent + "(nothing written)\n";
		}
		StringBuilder out = new StringBuilder();
		for (String line : lines.subList(0, Math.min(SHOWN_LINES, lines.size()))) {
			out.append(indent)
				.append('|')
				.append(' ')
				.append(line.length() > SHOWN_WIDTH ? line.substring(0, SHOWN_WIDTH) + "..." : line)
				.append('\n');
		}
		if (lines.size() > SHOWN_LINES) {
			out.append(indent).append("| (").append(lines.size() - SHOWN_LINES).append(" more lines)\n");
		}
		return out.toString();
	}

	public String historiesText() {
		StringBuilder out = new StringBuilder();
		for (Introduction intro : introductions.findAll()) {
			out.append(historyText(intro));
		}
		return out.toString();
	}

}
