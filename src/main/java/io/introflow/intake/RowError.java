package io.introflow.intake;

/**
 * Why one CSV row was not imported. Written to the rejects file; the rest of the file
 * goes on.
 */
public record RowError(String file, long line, String column, String value, String reason) {

	@Override
	public String toString() {
		return file + ":" + line + ": column '" + column + "' value '" + value + "': " + reason;
	}

}
