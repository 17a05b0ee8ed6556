package io.introflow.intro;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.DaemonThreads;
import io.introflow.IntroflowException;
import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.offer.ValueOffers;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.QueuedEmails;
import io.introflow.outbound.SendingProperties;
import io.introflow.playbook.Playbook;
import io.introflow.playbook.Sequences;
import io.introflow.template.EmailContext;
import io.introflow.template.IntroEmails;

/**
 * Renders every step that is due into the outbox, a chunk of introductions at a time:
 * {@code playbook} decides each step, this class renders the emails and
 * {@link StepRecords} writes the outbox rows, the state changes and the next steps, one
 * transaction per chunk, so a step is queued exactly once whatever stops the run. A step
 * is held, not sent, while the referrer's account is paused; the sequence's
 * {@code no-response} step sends nothing and ends an introduction that never got an
 * answer. Also renders single emails for previews and the introduction page.
 */
@Component
public class StepComposer {

	private static final Logger log = LoggerFactory.getLogger(StepComposer.class);

	private final IntroductionRepository introductions;

	private final Tx tx;

	private final IntroOffers offers;

	private final SendingProperties sending;

	private final PublicLinks links;

	private final EmailDrafts drafts;

	private final DueSteps dueSteps;

	private final StepRecords records;

	private final Playbook playbook;

	private final QueuedEmails queuedEmails;

	StepComposer(IntroductionRepository introductions, Tx tx, IntroOffers offers, SendingProperties sending,
			PublicLinks links, EmailDrafts drafts, DueSteps dueSteps, StepRecords records, Playbook playbook,
			QueuedEmails queuedEmails) {
		this.introductions = introductions;
		this.tx = tx;
		this.offers = offers;
		this.sending = sending;
		this.links = links;
		this.drafts = drafts;
		this.dueSteps = dueSteps;
		this.records = records;
		this.playbook = playbook;
		this.queuedEmails = queuedEmails;
	}

	/**
	 * What one pass did: emails queued, steps held (paused accounts) or ended without
	 * email (no response), and steps that could not be composed (each recorded as an
	 * event).
	 */
	public record Result(int queued, int held, int ended, int failed, int unclassified) {

		/**
		 * Nothing composed: stored replies are still unread, and one of them may stop a
		 * step.
		 */
		public static Result unreadReplies(int unread) {
			return new Result(0, 0, 0, 0, unread);
		}

		@Override
		public String toString() {
			if (unclassified > 0) {
				return "nothing composed: " + unclassified + " stored replies are not classified yet (a reply holds "
						+ "every automated step until it is read; run introflow replies)";
			}
			return queued + " emails queued" + ((held > 0) ? ", " + held + " held (account paused)" : "")
					+ ((ended > 0) ? ", " + ended + " ended with no response" : "")
					+ ((failed > 0) ? ", " + failed
							+ " could not be composed (STEP_FAILED in their history; they are tried again next run)"
							: "");
		}

	}

	/** Due introductions read, decided and written together, in one transaction. */
	static final int CHUNK = 500;

	/**
	 * Composes every due step, a chunk of introductions per transaction: the chunk's
	 * facts are read in set queries, the playbook decides each step in memory, the emails
	 * are rendered, and everything is written in JDBC batches. A chunk that stops
	 * half-way is rolled back whole and done again by the next run, and the unique step
	 * key keeps a step from being queued twice. A step that cannot be composed (a
	 * template that fails for this contact's data, a value that would be unsafe in a
	 * header) is recorded and left due, and the others go on. The caller composes nothing
	 * while a stored reply is still unread (it may be the answer that stops a step): see
	 * {@link Result#unreadReplies(int)}.
	 */
	public Result composeDue(LocalDate day) {
		List<Long> due = dueSteps.dueIds(day);
		log.info("Composing {} due steps, {} introductions per transaction", due.size(), CHUNK);
		Map<Playbook.Outcome, Integer> counts = new EnumMap<>(Playbook.Outcome.class);
		if (due.isEmpty()) {
			return new Result(0, 0, 0, 0, 0);
		}
		int failed = 0;
		// the next chunk is read, decided and handed to the rendering threads before this
		// one is written, so that
		// its emails render while this chunk's rows go to the database (chunks share no
		// introduction, and composing
		// changes nothing else a decision reads)
		Pending next = prepare(due.subList(0, Math.min(due.size(), CHUNK)), day);
		for (int from = 0; from < due.size(); from += CHUNK) {
			Pending current = next;
			int to = Math.min(due.size(), from + CHUNK);
			next = (to < due.size()) ? prepare(due.subList(to, Math.min(due.size(), to + CHUNK)), day) : null;
			try {
				failed += tx.inNew(() -> write(current, day, counts));
			}
			catch (RuntimeException | Error ex) {
				if (next != null) {
					next.cancel();
				}
				throw ex;
			}
			log.debug("Composed {} of {} due steps", to, due.size());
		}
		return new Result(counts.getOrDefault(Playbook.Outcome.QUEUE, 0), counts.getOrDefault(Playbook.Outcome.HELD, 0),
				counts.getOrDefault(Playbook.Outcome.ENDED, 0), failed, 0);
	}

	/**
	 * The threads that render and compose a chunk's emails side by side (pure work on the
	 * chunk's facts, no database); the chunk's writes stay in the calling thread and its
	 * transaction, in the chunk's order.
	 */
	private final ExecutorService rendering = Executors
		.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), new DaemonThreads("compose"));

	@PreDestroy
	void stopRendering() {
		rendering.shutdownNow();
	}

	/**
	 * A due step decided, and for a step to queue its email rendered and composed (or why
	 * it could not be).
	 */
	private record Prepared(DueSteps.DueIntro due, Playbook.Decision decision, Future<Composed> composed) {
	}

	/** A chunk read and decided, its emails rendering. */
	private record Pending(List<Long> ids, List<Prepared> steps) {

		void cancel() {
			steps.stream().filter(p -> p.composed() != null).forEach(p -> p.composed().cancel(true));
		}

	}

	/**
	 * Reads a chunk's facts (a read-only transaction of its own), decides each step, and
	 * starts the renders.
	 */
	private Pending prepare(List<Long> ids, LocalDate day) {
		return prepare(ids, tx.inNew(() -> dueSteps.read(ids, day)), day);
	}

	private Pending prepare(List<Long> ids, DueSteps.Chunk chunk, LocalDate day) {
		List<Prepared> prepared = new ArrayList<>();
		for (DueSteps.DueIntro due : chunk.intros()) {
			Contact referrer = chunk.referrers().get(due.intro().referrerEmail());
			Playbook.Decision decision = playbook.decide(facts(due, referrer, chunk), day);
			Future<Composed> composed = (decision.outcome() == Playbook.Outcome.QUEUE)
					? rendering.submit(() -> compose(due, referrer, decision, chunk)) : null;
			prepared.add(new Prepared(due, decision, composed));
		}
		return new Pending(ids, prepared);
	}

	/**
	 * The chunk as it stands now that its introductions are locked: a step whose
	 * introduction changed since it was read (a correction made in the console meanwhile)
	 * is read, decided and rendered again here, and one no longer due is dropped; the
	 * others keep what was rendered.
	 */
	private List<Prepared> current(Pending pending, LocalDate day) {
		Map<Long, DueSteps.DueIntro> now = dueSteps.lock(pending.ids(), day);
		Map<Long, Prepared> read = new java.util.HashMap<>();
		pending.steps().forEach(p -> read.put(p.due().intro().id(), p));
		List<Long> changed = pending.ids()
			.stream()
			.filter(id -> now.containsKey(id) && (!read.containsKey(id) || !read.get(id).due().equals(now.get(id))))
			.toList();
		Map<Long, Prepared> again = new java.util.HashMap<>();
		if (!changed.isEmpty()) {
			log.info("{} introductions changed while their chunk was rendered: decided again", changed.size());
			prepare(changed, dueSteps.read(changed, day), day).steps().forEach(p -> again.put(p.due().intro().id(), p));
		}
		List<Prepared> steps = new ArrayList<>();
		for (long id : pending.ids()) {
			Prepared p = again.containsKey(id) ? again.get(id) : (now.containsKey(id) ? read.get(id) : null);
			if (p != null) {
				steps.add(p);
			}
			else if (read.containsKey(id) && read.get(id).composed() != null) {
				read.get(id).composed().cancel(true);
			}
		}
		return steps;
	}

	/**
	 * Writes a chunk in the caller's transaction, in the chunk's order.
	 * @return how many steps of the chunk could not be composed
	 */
	private int write(Pending pending, LocalDate day, Map<Playbook.Outcome, Integer> counts) {
		StepRecords.Chunk writes = records.chunk(day);
		Map<Playbook.Outcome, Integer> decided = new EnumMap<>(Playbook.Outcome.class);
		List<Prepared> prepared = current(pending, day);
		int failed = 0;
		for (Prepared p : prepared) {
			Introduction intro = p.due().intro();
			if (p.composed() == null) {
				writes.decided(p.due(), p.decision(), null, List.of(), null);
				decided.merge(p.decision().outcome(), 1, Integer::sum);
				continue;
			}
			Composed composed = await(p.composed(), prepared);
			if (composed.failure() != null) {
				failed++;
				log.warn("Introduction {}: step {} not composed: {}", intro.id(), intro.nextStep(),
						composed.failure().getMessage());
				writes.failed(intro.id(), intro.nextStep(), composed.failure().getMessage());
				continue;
			}
			writes.decided(p.due(), p.decision(), composed.ready(), composed.made(), composed.offerId());
			decided.merge(p.decision().outcome(), 1, Integer::sum);
			log.debug("Introduction {}: queued {}", intro.id(), intro.nextStep());
		}
		writes.flush();
		// counted once the chunk is written: a chunk rolled back counts nothing
		decided.forEach((outcome, n) -> counts.merge(outcome, n, Integer::sum));
		return failed;
	}

	/** What the playbook decides a due step from. */
	private static Playbook.Due facts(DueSteps.DueIntro due, Contact referrer, DueSteps.Chunk chunk) {
		Introduction intro = due.intro();
		boolean gone = referrer == null || chunk.suppressed().contains(intro.referrerEmail());
		return new Playbook.Due(intro.id(), intro.nextStep(), intro.state(), intro.segment(),
				(referrer != null) ? referrer.relationship() : null, (referrer != null) ? referrer.country() : null,
				intro.createdOn(), due.stateSince(), due.lastEmailOn(), due.heldUntil(), due.holdReason(), gone,
				Optional.ofNullable(chunk.pauses().get(intro.referrerEmail())),
				chunk.outboxOf(intro.id()).stream().map(DueSteps.Queued::stepKey).toList(),
				chunk.heldCauses().getOrDefault(intro.id(), Set.of()));
	}

	/**
	 * A step's email, composed and checked, with the public links made for it and the
	 * offer it carries; or the reason it could not be composed (a template failing on
	 * this contact's data, an unsafe header value).
	 */
	private record Composed(QueuedEmails.Ready ready, List<PublicLinks.NewLink> made, String offerId,
			IntroflowException failure) {
	}

	/**
	 * The composed email of a step. A failure other than the step's own (a bug) stops the
	 * chunk, which is then rolled back whole; the renders still running for it are
	 * cancelled.
	 */
	private static Composed await(Future<Composed> composed, List<Prepared> chunk) {
		try {
			return composed.get();
		}
		catch (ExecutionException ex) {
			chunk.stream().filter(p -> p.composed() != null).forEach(p -> p.composed().cancel(true));
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			chunk.stream().filter(p -> p.composed() != null).forEach(p -> p.composed().cancel(true));
			Thread.currentThread().interrupt();
			throw new IntroflowException("composing was interrupted", ex);
		}
	}

	/**
	 * Renders the step's email from the chunk's facts (in a rendering thread: no
	 * database, no writes).
	 */
	private Composed compose(DueSteps.DueIntro due, Contact referrer, Playbook.Decision decision,
			DueSteps.Chunk chunk) {
		try {
			return composeOrFail(due, referrer, decision, chunk);
		}
		catch (IntroflowException ex) {
			return new Composed(null, List.of(), null, ex);
		}
	}

	private Composed composeOrFail(DueSteps.DueIntro due, Contact referrer, Playbook.Decision decision,
			DueSteps.Chunk chunk) {
		Introduction intro = due.intro();
		String step = intro.nextStep();
		String kind = decision.kind();
		EmailContext.Moment moment = EmailDrafts.moment(Optional.ofNullable(chunk.moments().get(due.triggerId())));
		Optional<ValueOffers.ValueOffer> offer = offers.of(due.valueOffer(), intro.segment(), moment.type());
		boolean delivered = offer.isPresent() && offer.get().id().equals(due.valueOffer())
				&& chunk.outboxOf(intro.id())
					.stream()
					.anyMatch(q -> q.stepKey().equals(due.valueOfferStep()) && "SENT".equals(q.state()));
		List<PublicLinks.NewLink> made = new ArrayList<>();
		Map<PublicLinks.Purpose, String> tokens = chunk.tokens().getOrDefault(intro.id(), Map.of());
		String introPage = IntroEmails.carriesIntro(kind) ? link(intro, PublicLinks.Purpose.INTRO_PAGE, tokens, made)
				: null;
		String unsubscribe = link(intro, PublicLinks.Purpose.UNSUBSCRIBE, tokens, made);
		OutgoingEmail email = drafts.render(intro, referrer, kind, step, Map.of(), new EmailDrafts.Known(moment, offer,
				offer.map(o -> IntroOffers.view(o, delivered)).orElse(null), introPage, unsubscribe));
		if (decision.thread().isPresent()) {
			Sequences.MailThread thread = decision.thread().get();
			List<Outbox.Sent> sent = chunk.outboxOf(intro.id())
				.stream()
				.filter(q -> "SENT".equals(q.state()) && thread.includes(q.stepKey()) && !q.stepKey().equals(step))
				.map(q -> new Outbox.Sent(q.stepKey(), q.messageId(), q.subject()))
				.toList();
			ThreadHeaders headers = ThreadHeaders.follow(sent, email.subject());
			email = email.inThread(headers.subject(), headers.inReplyTo(), headers.references());
		}
		QueuedEmails.Ready ready = queuedEmails.compose(intro.id(), step, email);
		String offerId = (kind.equals("value") && offer.isPresent()) ? offer.get().id() : null;
		return new Composed(ready, made, offerId, null);
	}

	/**
	 * A public link of the email: the introduction's token for it, else one made now and
	 * stored with the chunk.
	 */
	private String link(Introduction intro, PublicLinks.Purpose purpose, Map<PublicLinks.Purpose, String> tokens,
			List<PublicLinks.NewLink> made) {
		URI base = sending.publicBaseUrl();
		if (base == null) {
			return null;
		}
		String token = tokens.get(purpose);
		if (token == null) {
			token = PublicLinks.newToken();
			made.add(new PublicLinks.NewLink(intro.id(), purpose, token));
		}
		return EmailDrafts.link(base, purpose, token);
	}

	/**
	 * The email of one step of an introduction, rendered from the templates and
	 * addressed, not yet queued.
	 */
	public OutgoingEmail draft(Introduction intro, Contact referrer, String kind) {
		return draft(intro, referrer, kind, kind);
	}

	OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey) {
		return draft(intro, referrer, kind, stepKey, Map.of());
	}

	/**
	 * @param stepKey names the email in its Message-ID ({@code nudge-2} for the second
	 * email of step nudge)
	 * @param extras more values for the template
	 */
	public OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey,
			Map<String, Object> extras) {
		return draft(intro, referrer, kind, stepKey, extras, false);
	}

	/**
	 * @param preview only shown to a rep: no public token is made (a preview changes
	 * nothing), and the one-click link is a sample that unsubscribes no one
	 */
	OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey, Map<String, Object> extras,
			boolean preview) {
		EmailContext.Moment moment = moment(intro);
		Optional<ValueOffers.ValueOffer> offer = offers.of(intro, moment.type());
		String introPage = IntroEmails.carriesIntro(kind) ? publicLink(intro, PublicLinks.Purpose.INTRO_PAGE, preview)
				: null;
		return drafts.render(intro, referrer, kind, stepKey, extras,
				new EmailDrafts.Known(moment, offer, offer.map(o -> offers.view(intro, o)).orElse(null), introPage,
						publicLink(intro, PublicLinks.Purpose.UNSUBSCRIBE, preview)));
	}

	/**
	 * A public link of the introduction, with its own token for that purpose (made now if
	 * it has none): never the reply token, which the prospect sees in the intro's CC.
	 * None without {@code public-base-url}: nothing would answer it. A preview (or a
	 * sample introduction that is not stored) makes no token and gets a sample link that
	 * opens nothing.
	 */
	private String publicLink(Introduction intro, PublicLinks.Purpose purpose, boolean preview) {
		URI base = sending.publicBaseUrl();
		if (base == null) {
			return null;
		}
		if (preview || intro.id() <= 0) {
			return base.toString().replaceAll("/+$", "") + purpose.path() + "preview";
		}
		return links.url(base, intro.id(), purpose).toString();
	}

	private EmailContext.Moment moment(Introduction intro) {
		return EmailDrafts.moment(introductions.triggerOf(intro.id()));
	}

	/**
	 * The context the prefilled intro of this introduction is rendered with, as its
	 * emails render it: the referrer's introduction page shows the same words.
	 */
	EmailContext introContext(Introduction intro, Contact referrer) {
		EmailContext.Moment moment = moment(intro);
		return context(intro, referrer, moment, offers.of(intro, moment.type()));
	}

	private EmailContext context(Introduction intro, Contact referrer, EmailContext.Moment moment,
			Optional<ValueOffers.ValueOffer> offer) {
		return context(intro, referrer).with(moment, offer.map(o -> offers.view(intro, o)).orElse(null));
	}

	EmailContext context(Introduction intro, Contact referrer) {
		return drafts.context(intro, referrer);
	}

}
