package io.introflow.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.inbound.InboundStore;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * The introduction funnel and per-introduction histories, as text for the terminal and the reports folder.
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

	/** Outbound emails per step key and delivery state, such as {@code ask SENT 4}. */
	public List<String> outboundCounts() {
		return jdbc.sql("SELECT step_key, state, COUNT(*) FROM outbound_email GROUP BY step_key, state ORDER BY step_key, state")
			.query((rs, n) -> String.format("%-12s %-8s %5d", rs.getString(1), rs.getString(2), rs.getInt(3)))
			.list();
	}

	/** Per template variant: how many introductions were asked, and how many of those became an introduction. */
	List<String> variantLines() {
		return jdbc.sql("""
				SELECT variant,
				  SUM(CASE WHEN state NOT IN ('PLANNED', 'VALUE_SENT') THEN 1 ELSE 0 END),
				  SUM(CASE WHEN state IN ('INTRODUCED', 'ENGAGED', 'MEETING', 'WON', 'LOST') THEN 1 ELSE 0 END)
				FROM introduction GROUP BY variant ORDER BY variant""")
			.query((rs, n) -> String.format("%-4s %5d asked %5d introduced", rs.getString(1), rs.getLong(2),
					rs.getLong(3)))
			.list();
	}

	public String funnelText() {
		StringBuilder out = new StringBuilder("Funnel (introductions by state)\n");
		countsByState().forEach((state, count) -> {
			if (count > 0) {
				out.append(String.format("  %-12s %5d%n", state, count));
			}
		});
		List<String> variants = variantLines();
		if (variants.size() > 1) {
			out.append("A/B variants (introductions asked, and of those introduced or further)\n");
			variants.forEach(line -> out.append("  ").append(line).append('\n'));
		}
		out.append("Emails (step, delivery state, count)\n");
		for (String line : outboundCounts()) {
			out.append("  ").append(line).append('\n');
		}
		return out.toString();
	}

	public String historyText(Introduction intro) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%s  %s -> %s%s  [%s]%n", intro.token(), intro.referrerEmail(), intro.ownerEmail(),
				(intro.prospectEmail() != null && !intro.prospectEmail().isEmpty()) ? " for " + intro.prospectEmail()
						: "",
				intro.state()));
		for (IntroEvents.Event e : events.history(intro.id())) {
			String move = (e.toState() != null) ? e.fromState() + " -> " + e.toState() : "";
			out.append(String.format("    %s  %-19s %-24s %-14s %s%n", e.occurredOn(), e.type(), move,
					(e.cause() != null) ? e.cause() : "", (e.detail() != null) ? e.detail() : ""));
		}
		List<InboundStore.Received> received = inbound.ofIntroduction(intro.id());
		if (!received.isEmpty()) {
			out.append("  Messages received (what they wrote, quotes and signature removed)\n");
		}
		for (InboundStore.Received r : received) {
			out.append(String.format("    %s  inbound:%-6d %-16s %s%n", r.receivedAt().toLocalDate(), r.id(),
					r.classification(), (r.sender() != null) ? r.sender() : ""));
			out.append(visibleText(r.visibleText()));
		}
		return out.toString();
	}

	/** The first few non-blank lines of what a person wrote, indented under their message. */
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
			out.append(indent).append('|').append(' ')
				.append(line.length() > SHOWN_WIDTH ? line.substring(0, SHOWN_WIDTH) + "..." : line).append('\n');
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
