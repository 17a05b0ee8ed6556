package io.introflow.web;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.introflow.batch.NightlyRuns;
import io.introflow.playbook.ReferrerStandings;
import io.introflow.playbook.Reciprocity;

/**
 * Referrers and partners (OPS only): each client's and partner's eligibility on the day
 * (the last completed night's, as {@code introflow status} judges), their asks against
 * the yearly cap, the pauses in force, and each partner's introductions made and received
 * per month this year.
 */
@Controller
@ConditionalOnWebApplication
class ReferrersController {

	static final int PAGE_SIZE = 50;

	private final ReferrerStandings standings;

	private final Reciprocity reciprocity;

	private final NightlyRuns nights;

	private final Clock clock;

	ReferrersController(ReferrerStandings standings, Reciprocity reciprocity, NightlyRuns nights, Clock clock) {
		this.standings = standings;
		this.reciprocity = reciprocity;
		this.nights = nights;
		this.clock = clock;
	}

	@GetMapping("/console/referrers")
	String referrers(ConsoleUser me, @RequestParam(name = "q", defaultValue = "") String search,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			Model model) {
		me.mustBeOps();
		LocalDate lastNight = nights.lastCompleted().orElse(null);
		LocalDate day = (date != null) ? date : (lastNight != null) ? lastNight : LocalDate.now(clock);
		model.addAttribute("day", day.toString());
		model.addAttribute("dayFrom", (date != null) ? "date" : (lastNight != null) ? "last_night" : "today");
		model.addAttribute("q", search);
		model.addAttribute("page", standings.page(day, search, Math.max(page, 0) * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("pageNumber", Math.max(page, 0));
		model.addAttribute("pauses", standings.pausesOn(day));
		model.addAttribute("partners", reciprocity.monthly(day.withDayOfYear(1), day));
		return "console/referrers";
	}

}
