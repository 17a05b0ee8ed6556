package io.introflow.inbound;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.PostgresCluster;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound storage on PostgreSQL 15: raw messages streamed into {@code bytea} and back
 * byte for byte, a NUL in a Message-ID (which PostgreSQL refuses in text) stored, copies
 * merged and same-ID messages kept apart, and a message beyond the reading limits kept as
 * {@code UNREADABLE}.
 */
class InboundPostgresIntegrationTests {

	@RegisterExtension
	static final PostgresCluster.PerClass postgres = new PostgresCluster.PerClass();

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void storesStreamsAndReadsHostileMailOnPostgres() throws Exception {
		Map<String, Object> settings = postgres.settings(app.settings());
		app.run(settings, "status"); // migrates
		sql("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES ('t1ann', 'ann@acme.example', 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED',
				  DATE '2026-11-10', CURRENT_TIMESTAMP, 'direct')""");
		Path folder = Files.createDirectories(app.home().resolve("mail-in"));
		String to = "reply+t1ann@reply.introflow.example";
		Mails.withAttachment(folder.resolve("1-large.eml"), "<large@acme.example>", to, "Yes, happy to help.",
				4_000_000);
		Files.writeString(folder.resolve("2-nested.eml"), Mails.nested(10_000));
		Files.writeString(folder.resolve("3-nul.eml"),
				Mails.reply("<n\u0000ul@acme.example>", "ann@acme.example", to, "No, sorry.", ""));
		Files.writeString(folder.resolve("4-same-id.eml"),
				Mails.reply("<n\u0000ul@acme.example>", "ann@acme.example", to, "Yes, happy to help.", ""));
		Files.writeString(folder.resolve("5-copy.eml"), "Delivered-To: intro+t1ann@reply.introflow.example\r\n"
				+ Mails.reply("<n\u0000ul@acme.example>", "ann@acme.example", to, "No, sorry.", ""));

		Installation.Run run = app.run(settings, "replies", "--from-folder", folder.toString(), "--date=2026-11-20");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(run.out()).contains("4 new messages stored");
		List<String> rows = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
				ResultSet rs = c.createStatement()
					.executeQuery(
							"SELECT source, message_id, classification, raw_size, raw FROM inbound_message ORDER BY source")) {
			while (rs.next()) {
				Path file = Path.of(rs.getString(1));
				String stored;
				try (InputStream in = rs.getBinaryStream(5)) {
					stored = sha256(in);
				}
				try (InputStream in = Files.newInputStream(file)) {
					assertThat(stored).as("the stored bytes of " + file).isEqualTo(sha256(in));
				}
				assertThat(rs.getLong(4)).isEqualTo(Files.size(file));
				rows.add(file.getFileName() + " " + rs.getString(2) + " " + rs.getString(3));
			}
		}
		assertThat(rows).containsExactly("1-large.eml <large@acme.example> AGREED",
				"2-nested.eml <nested@acme.example> UNREADABLE", "3-nul.eml <n ul@acme.example> DECLINED",
				"4-same-id.eml <n ul@acme.example> AGREED");
	}

	private static void sql(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
				PreparedStatement statement = c.prepareStatement(sql)) {
			statement.execute();
		}
	}

	private static String sha256(InputStream in) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] buffer = new byte[65536];
		int n;
		while ((n = in.read(buffer)) > 0) {
			digest.update(buffer, 0, n);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
