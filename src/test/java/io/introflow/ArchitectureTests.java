package io.introflow;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import io.introflow.intro.IntroState;
import io.introflow.intro.IntroStateMachine;
import io.introflow.intro.Introduction;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of {@code STYLE.md}, checked on the compiled main classes: features
 * do not reach into the wiring and the user interfaces, only {@code outbound} and
 * {@code inbound} send and read mail, feature packages form no cycle, and the playbook
 * decides while {@code intro} records. A dependency kept on purpose is listed here with
 * its reason.
 */
@AnalyzeClasses(packages = "io.introflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The feature packages: each owns its types, its rules and its tables. */
	static final Set<String> FEATURES = Set.of("intake", "contact", "trigger", "intro", "playbook", "template",
			"outbound", "inbound", "report", "offer", "correction", "doctor", "config");

	/**
	 * The wiring ({@code batch}) and the user interfaces and tools built on the features.
	 */
	static final Set<String> WIRING_AND_UI = Set.of("cli", "batch", "web", "demo", "bench");

	/**
	 * What the playbook may know of {@code intro}: an introduction as a value, its states
	 * and their legal moves.
	 */
	static final DescribedPredicate<JavaClass> INTRO_VALUES = belongToAnyOf(IntroState.class, IntroStateMachine.class,
			Introduction.class);

	@ArchTest
	static final ArchRule featuresDoNotDependOnWiringOrUi = noClasses().that()
		.resideInAnyPackage(packages(FEATURES))
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(packages(WIRING_AND_UI))
		.because("batch wires the features and cli, web, demo and bench use them, never the other way (STYLE.md)");

	/**
	 * Jakarta Mail (and Angus Mail, its implementation) outside {@code outbound} and
	 * {@code inbound}: each use, and why it is not sending or reading mail. Origins and
	 * targets are class names (nested classes included) or packages ending in {@code ..}.
	 */
	static final List<MailUse> MAIL_USES = List.of(
			new MailUse("io.introflow..", "jakarta.mail.internet.InternetAddress",
					"parsing and checking an address (STYLE.md allows it anywhere)"),
			new MailUse("io.introflow..", "jakarta.mail.internet.AddressException", "what parsing an address throws"),
			new MailUse("io.introflow.intake.Fields", "jakarta.mail.internet.MimeUtility",
					"decoding RFC 2047 encoded words in imported CSV values: text, no message"),
			new MailUse("io.introflow.intake.Fields", "jakarta.mail.internet.ParseException",
					"what decoding a malformed encoded word throws"),
			new MailUse("io.introflow.cli.IntroflowMain", "jakarta.mail.util.StreamProvider",
					"names Angus's stream provider as a system property at start-up, so Jakarta Mail skips a service "
							+ "loader scan per header block (docs/benchmarks.md); no mail is sent or read there"),
			new MailUse("io.introflow.cli.IntroflowMain", "org.eclipse.angus.mail.util.MailStreamProvider",
					"the provider named by that property"),
			new MailUse("io.introflow.demo..", "jakarta.mail..",
					"tool: the demo's scripted clients read and answer the demo's emails on the in-process GreenMail"),
			new MailUse("io.introflow.bench..", "jakarta.mail..",
					"tool: the benchmarks' counting SMTP sink reads the messages it receives"));

	@ArchTest
	static final ArchRule mailOnlyInOutboundAndInbound = classes().that()
		.resideOutsideOfPackages("io.introflow.outbound..", "io.introflow.inbound..")
		.should(useMailOnlyAsListed())
		.because("only outbound (sending) and inbound (reading) use Jakarta Mail's transports and messages; the rest "
				+ "passes an OutgoingEmail record (STYLE.md)");

	/**
	 * Each class of a feature package is in its feature's slice; the wiring, the
	 * interfaces and the root are not.
	 */
	private static final SliceAssignment FEATURE_SLICES = new SliceAssignment() {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			if (name.startsWith("io.introflow.")) {
				String feature = name.substring("io.introflow.".length()).split("\\.")[0];
				if (FEATURES.contains(feature)) {
					return SliceIdentifier.of(feature);
				}
			}
			return SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "feature packages " + FEATURES.stream().sorted().toList();
		}

	};

	@ArchTest
	static final ArchRule noCyclesBetweenFeatures = slices().assignedFrom(FEATURE_SLICES)
		.should()
		.beFreeOfCycles()
		// kept on purpose: the playbook decides in intro's vocabulary (an introduction,
		// its state, the legal moves of
		// the state machine), and intro asks the playbook (Playbook.decide, Sequences)
		// and records what it decided.
		// The playbook touches nothing else of intro (playbookDecidesIntroRecords);
		// ending this edge would mean
		// moving the state types out of intro, where STYLE.md puts them.
		.ignoreDependency(resideInAPackage("io.introflow.playbook.."), INTRO_VALUES)
		// kept on purpose: value-offers.yml names trigger types, checked against
		// Trigger.TYPES when the settings are
		// bound, while the planner in trigger records introductions through intro, and
		// intro attaches the offers
		// (offer -> trigger -> intro -> offer). The edge is one set of names.
		.ignoreDependency(
				DescribedPredicate.describe("ValueOfferProperties",
						(JavaClass c) -> c.getName().startsWith("io.introflow.offer.ValueOfferProperties")),
				DescribedPredicate.describe("Trigger",
						(JavaClass c) -> c.getName().equals("io.introflow.trigger.Trigger")));

	@ArchTest
	static final ArchRule playbookDecidesIntroRecords = noClasses().that()
		.resideInAPackage("io.introflow.playbook..")
		.should()
		.dependOnClassesThat(resideInAPackage("io.introflow.intro..").and(not(INTRO_VALUES)))
		.because("the playbook decides and intro records (STYLE.md): the playbook sees an introduction as a value and "
				+ "never calls IntroductionRepository, IntroEvents, StepComposer or any other repository, store or "
				+ "recorder of intro");

	/** One use of Jakarta Mail outside the mail packages, and why it is fine. */
	record MailUse(String origin, String target, String why) {

		boolean covers(Dependency dependency) {
			return matches(this.origin, dependency.getOriginClass())
					&& matches(this.target, dependency.getTargetClass().getBaseComponentType());
		}

		private static boolean matches(String pattern, JavaClass javaClass) {
			String name = javaClass.getName();
			if (pattern.endsWith("..")) {
				return name.startsWith(pattern.substring(0, pattern.length() - 1));
			}
			return name.equals(pattern) || name.startsWith(pattern + "$");
		}

	}

	private static ArchCondition<JavaClass> useMailOnlyAsListed() {
		return new ArchCondition<>("use Jakarta Mail only as listed in ArchitectureTests.MAIL_USES") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
					if (isMail(dependency.getTargetClass().getBaseComponentType())
							&& MAIL_USES.stream().noneMatch(use -> use.covers(dependency))) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
								+ ": Jakarta Mail outside outbound and inbound; move this use there, or list it with "
								+ "its reason in ArchitectureTests.MAIL_USES"));
					}
				}
			}

		};
	}

	private static boolean isMail(JavaClass javaClass) {
		String name = javaClass.getPackageName() + ".";
		return name.startsWith("jakarta.mail.") || name.startsWith("org.eclipse.angus.mail.");
	}

	private static String[] packages(Set<String> names) {
		return names.stream().sorted().map(name -> "io.introflow." + name + "..").toArray(String[]::new);
	}

}
