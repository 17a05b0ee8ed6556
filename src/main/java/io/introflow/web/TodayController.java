package io.introflow.web;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.introflow.batch.RecentRuns;
import io.introflow.inbound.WaitingReplies;
import io.introflow.intake.ImportRejects;
import io.introflow.outbound.Outbox;
import io.introflow.playbook.HeldIntroductions;

/**
 * The console's first page: the last nights and what needs a person today. A rep sees the
 * replies and holds of the introductions they own; the emails in doubt, the rejected rows
 * and the template check are for OPS only, who settle an email in doubt here as
 * {@code introflow send --mark-sent|--requeue ID} does.
 */
@Controller
@ConditionalOnWebApplication
class TodayController {

	/** How many runs of the job repository the page shows. */
	static final int RUNS = 7;

	private static final Logger log = LoggerFactory.getLogger(TodayController.class);

	private final RecentRuns runs;

	private final WaitingReplies replies;

	private final HeldIntroductions held;

	private final Outbox outbox;

	private final ImportRejects rejects;

	private final TemplateProblems templates;

	private final Clock clock;

	TodayController(RecentRuns runs, WaitingReplies replies, HeldIntroductions held, Outbox outbox,
			ImportRejects rejects, TemplateProblems templates, Clock clock) {
		this.runs = runs;
		this.replies = replies;
		this.held = held;
		this.outbox = outbox;
		this.rejects = rejects;
		this.templates = templates;
		this.clock = clock;
	}

	@GetMapping("/console/today")
	String today(ConsoleUser me, Model model) {
		model.addAttribute("runs", runs.last(RUNS));
		model.addAttribute("waiting", replies.waiting(me.owner()));
		model.addAttribute("needsReview", replies.needsReview(me.owner()));
		model.addAttribute("held", held.on(LocalDate.now(clock), me.owner()));
		if (me.ops()) {
			model.addAttribute("inDoubt", outbox.inDoubt());
			model.addAttribute("rejected", rejects.latest(3, 100));
			model.addAttribute("templateProblems", templates.now());
		}
		return "console/today";
	}

	@PostMapping("/console/today/emails/{id}/mark-sent")
	String markSent(@PathVariable long id, ConsoleUser me, RedirectAttributes flash) {
		return settle(id, true, me, flash);
	}

	@PostMapping("/console/today/emails/{id}/requeue")
	String requeue(@PathVariable long id, ConsoleUser me, RedirectAttributes flash) {
		return settle(id, false, me, flash);
	}

	private String settle(long id, boolean delivered, ConsoleUser me, RedirectAttributes flash) {
		me.mustBeOps();
		if (outbox.resolveInDoubt(id, delivered)) {
			log.info("console: outbound {} {} by {}", id, delivered ? "marked SENT" : "queued again", me.name());
			flash.addFlashAttribute("done",
					"Email " + id + (delivered ? " marked sent." : " queued again; the next send delivers it."));
		}
		else {
			flash.addFlashAttribute("done", "Email " + id + " is not in doubt (any more): nothing changed.");
		}
		return "redirect:/console/today";
	}

}
