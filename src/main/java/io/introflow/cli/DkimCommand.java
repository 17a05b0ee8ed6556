package io.introflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.outbound.DkimKeys;

/**
 * {@code introflow dkim keygen}: a signing key for one From domain and the DNS record
 * that publishes it.
 */
@Command(name = "dkim", mixinStandardHelpOptions = true, description = "Make DKIM signing keys.",
		subcommands = { DkimCommand.Keygen.class })
class DkimCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "say keygen");
	}

	@Command(name = "keygen", mixinStandardHelpOptions = true,
			description = "Write a new RSA key for one From domain as PEM and print the DNS TXT record and the "
					+ "settings to add. Exit codes: 0 written, 2 bad usage or the file exists.")
	static class Keygen extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--domain", required = true, description = "The From domain the key signs for (d=).")
		String domain;

		@Option(names = "--selector", required = true,
				description = "The selector (s=): the key is published at <selector>._domainkey.<domain>.")
		String selector;

		@Option(names = "--out",
				description = "The key file (default: config/dkim/<domain>.<selector>.pem in the home folder).")
		Path out;

		@Option(names = "--bits", defaultValue = "2048", description = "RSA key size (default: ${DEFAULT-VALUE}).")
		int bits;

		@Override
		public Integer call() throws IOException, NoSuchAlgorithmException {
			String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
			if (!d.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?") || !selector.matches("[A-Za-z0-9]([A-Za-z0-9._-]*)")) {
				throw new CommandLine.ParameterException(spec.commandLine(),
						"--domain and --selector must be DNS names, not '" + domain + "' and '" + selector + "'");
			}
			if (bits < 1024 || bits > 4096) {
				throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 1024 to 4096");
			}
			Path file = (out != null) ? out.toAbsolutePath()
					: home().resolve("config").resolve("dkim").resolve(d + "." + selector + ".pem");
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			KeyPair pair = generator.generateKeyPair();
			try {
				write(file, DkimKeys.pem(pair.getPrivate()));
			}
			catch (FileAlreadyExistsException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), file + " already exists; it is not "
						+ "overwritten (a published key in use would stop verifying): choose another --selector or --out");
			}
			PrintWriter print = spec.commandLine().getOut();
			print.println("Wrote " + bits + "-bit RSA key " + file);
			print.println();
			print.println("Publish this DNS record:");
			print.println("  " + DkimKeys.txtRecord(selector, d, (RSAPublicKey) pair.getPublic()));
			print.println();
			print.println("Then add the key to batch-config/sending.yml (one entry per From domain):");
			print.print("""
					introflow:
					  sending:
					    dkim:
					      enabled: true
					      keys:
					        - domain: %s
					          selector: %s
					          private-key: %s
					""".formatted(d, selector, setting(file)).indent(2));
			print.flush();
			return IntroflowMain.OK;
		}

		/**
		 * The key's path for the settings: relative to the home folder when it is inside,
		 * as settings read it.
		 */
		private String setting(Path file) {
			Path home = home();
			return file.startsWith(home) ? home.relativize(file).toString().replace('\\', '/') : file.toString();
		}

		/**
		 * Created new, readable by its owner only where the file system knows POSIX
		 * modes.
		 */
		private static void write(Path file, String pem) throws IOException {
			Files.createDirectories(file.toAbsolutePath().getParent());
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
			}
			Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
		}

	}

}
