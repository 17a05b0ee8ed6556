package io.introflow.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.introflow.correction.CorrectionRefusedException;
import io.introflow.correction.Corrections;
import io.introflow.inbound.Classification;
import io.introflow.inbound.InboundStore;
import io.introflow.intro.IntroState;
import io.introflow.intro.IntroductionSearch;

/**
 * The corrections of the introduction page, through the same service as
 * {@code introflow intro set|release} and {@code introflow replies reclassify}, recorded
 * with the console user's name. The result (or why it was refused) is shown on the
 * introduction's page after the redirect.
 */
@Controller
@ConditionalOnWebApplication
class IntroductionCorrectionsController {

	private final Corrections corrections;

	private final IntroductionAccess access;

	private final Clock clock;

	IntroductionCorrectionsController(Corrections corrections, IntroductionAccess access, Clock clock) {
		this.corrections = corrections;
		this.access = access;
		this.clock = clock;
	}

	@PostMapping("/console/introductions/{id}/state")
	String setState(ConsoleUser me, @PathVariable long id, @RequestParam IntroState state,
			@RequestParam(required = false) String note, RedirectAttributes flash) {
		IntroductionSearch.Found intro = access.introduction(me, id);
		apply(flash, () -> lines(corrections.setState(intro.token(), state, blankless(note), me.name(), today())));
		return "redirect:/console/introductions/" + id;
	}

	@PostMapping("/console/introductions/{id}/release")
	String release(ConsoleUser me, @PathVariable long id, RedirectAttributes flash) {
		IntroductionSearch.Found intro = access.introduction(me, id);
		apply(flash, () -> lines(corrections.release(intro.token(), me.name(), today())));
		return "redirect:/console/introductions/" + id;
	}

	@PostMapping("/console/replies/{inboundId}/reclassify")
	String reclassify(ConsoleUser me, @PathVariable long inboundId, @RequestParam("class") Classification.Kind kind,
			@RequestParam(required = false) String note, RedirectAttributes flash) {
		InboundStore.Stored reply = access.reply(me, inboundId);
		apply(flash, () -> {
			Corrections.Reclassified r = corrections.reclassify(inboundId, kind, blankless(note), me.name(), today());
			List<String> lines = new ArrayList<>();
			lines.add("Reply " + r.inboundId() + ": " + r.from() + " -> " + r.to());
			r.intro().ifPresent(c -> lines.addAll(lines(c)));
			return lines;
		});
		return (reply.introductionId() != null) ? "redirect:/console/introductions/" + reply.introductionId()
				: "redirect:/console/introductions";
	}

	private static void apply(RedirectAttributes flash, Supplier<List<String>> correction) {
		try {
			flash.addFlashAttribute("corrected", correction.get());
		}
		catch (CorrectionRefusedException ex) {
			flash.addFlashAttribute("refused", ex.getMessage());
		}
	}

	/** What the correction did, as {@code introflow intro} prints it. */
	private static List<String> lines(Corrections.Corrected c) {
		List<String> lines = new ArrayList<>();
		lines.add("Introduction " + c.token() + ": "
				+ ((c.from() == c.to()) ? c.to() + " (state unchanged)" : c.from() + " -> " + c.to()));
		lines.add("Next step: "
				+ ((c.nextStep() != null) ? c.nextStep() + " on " + c.nextStepDue() : "none (nothing more is sent)"));
		lines.addAll(c.remarks());
		return lines;
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	private static String blankless(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
