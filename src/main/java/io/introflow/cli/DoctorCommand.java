package io.introflow.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.introflow.doctor.Doctor;

/**
 * {@code introflow doctor}: what can be checked without DNS, and the DNS records to
 * publish.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
		description = "Check DKIM keys, owners' From domains and mail settings, and print the DNS records to publish. "
				+ "Exit codes: 0 no failure, 1 a check failed, 2 bad configuration.")
class DoctorCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public Integer call() {
		Doctor.Report report;
		try (ConfigurableApplicationContext context = start(Map.of())) {
			report = context.getBean(Doctor.class).examine();
		}
		PrintWriter out = spec.commandLine().getOut();
		out.println("Checks");
		int nameWidth = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
		for (Doctor.Check check : report.checks()) {
			out.printf("  %-4s  %-" + nameWidth + "s  %s%n", check.level() == Doctor.Level.OK ? "ok" : check.level(),
					check.name(), check.detail());
		}
		out.println();
		out.println("Mail to these addresses on the reply domain must reach the IMAP mailbox Introflow reads:");
		int addressWidth = report.replyAddresses().stream().mapToInt(a -> a.address().length()).max().orElse(0);
		for (Doctor.ReplyAddress address : report.replyAddresses()) {
			out.printf("  %-" + addressWidth + "s  %s%n", address.address(), address.purpose());
		}
		out.println();
		out.println("DNS records to publish (replace the <...> parts):");
		for (Doctor.DnsRecord record : report.records()) {
			out.println("  ; " + record.purpose());
			out.println("  " + record.line());
		}
		out.flush();
		return report.failed() ? IntroflowMain.JOB_FAILED : IntroflowMain.OK;
	}

}
