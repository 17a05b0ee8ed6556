package io.introflow.intake;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the nightly files are read ({@code batch-config/intake.yml}).
 *
 * @param encoding the character set of every file unless its type says otherwise (default
 * UTF-8; a BOM is skipped)
 * @param delimiter {@code auto} (detect comma, semicolon or tab from the header line),
 * {@code ,}, {@code ;} or {@code tab}
 * @param dateFormats date patterns accepted besides ISO {@code yyyy-MM-dd}, such as
 * {@code dd.MM.yyyy}
 * @param types per file type ({@code clients}, {@code triggers}, {@code outcomes},
 * {@code suppressions}): {@code encoding} and {@code delimiter}
 * @param aliases more header names per column, such as {@code email: [Mail, Correo]}
 * @param chunkSize rows per transaction
 * @param maxRowLength the longest row (header included) in characters, default 500,000; a
 * longer row, or one that never ends (a quote that never closes, a file without line
 * breaks), sends the whole file to {@code failed/}. It bounds the memory one file can
 * take.
 */
@Validated
@ConfigurationProperties("introflow.intake")
public record IntakeProperties(Charset encoding, String delimiter, List<String> dateFormats,
		Map<String, TypeSettings> types, Map<String, List<String>> aliases, @Min(1) @Max(100000) Integer chunkSize,
		@Min(1000) @Max(20_000_000) Integer maxRowLength) {

	public IntakeProperties {
		encoding = (encoding != null) ? encoding : StandardCharsets.UTF_8;
		delimiter = (delimiter != null && !delimiter.isBlank()) ? delimiter : "auto";
		dateFormats = (dateFormats != null) ? List.copyOf(dateFormats) : List.of();
		types = (types != null) ? Map.copyOf(types) : Map.of();
		aliases = (aliases != null) ? Map.copyOf(aliases) : Map.of();
		chunkSize = (chunkSize != null) ? chunkSize : 1000;
		maxRowLength = (maxRowLength != null) ? maxRowLength : CsvDialect.DEFAULT_MAX_ROW_LENGTH;
		delimiterOf(delimiter, "introflow.intake.delimiter");
		for (String pattern : dateFormats) {
			formatter(pattern);
		}
		types.forEach(
				(type, settings) -> delimiterOf(settings.delimiter(), "introflow.intake.types." + type + ".delimiter"));
	}

	/** Settings for one type of file; each falls back to the general one. */
	public record TypeSettings(Charset encoding, String delimiter) {
	}

	public CsvDialect dialect(String type) {
		TypeSettings own = types.get(type);
		Charset charset = (own != null && own.encoding() != null) ? own.encoding() : encoding;
		String d = (own != null && own.delimiter() != null) ? own.delimiter() : delimiter;
		return new CsvDialect(charset, delimiterOf(d, "introflow.intake.delimiter"), maxRowLength);
	}

	public List<DateTimeFormatter> dateFormatters() {
		return dateFormats.stream().map(IntakeProperties::formatter).toList();
	}

	private static Character delimiterOf(String value, String key) {
		if (value == null || value.equalsIgnoreCase("auto")) {
			return null;
		}
		return switch (value) {
			case ",", "comma" -> ',';
			case ";", "semicolon" -> ';';
			case "tab", "\t" -> '\t';
			case "|", "pipe" -> '|';
			default ->
				throw new IllegalArgumentException(key + " must be auto, ',', ';', tab or '|', not '" + value + "'");
		};
	}

	private static DateTimeFormatter formatter(String pattern) {
		try {
			// 'u' (proleptic year) instead of 'y' (year of era) so that strict parsing
			// needs no era
			return DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"introflow.intake.date-formats: '" + pattern + "' is not a date pattern (" + ex.getMessage() + ")");
		}
	}

}
