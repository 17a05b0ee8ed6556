package io.introflow.intake;

/** What importing some rows did to the database. */
public record ImportCounts(long inserted, long updated, long unchanged) {

	public static final ImportCounts NONE = new ImportCounts(0, 0, 0);

	public ImportCounts plus(ImportCounts other) {
		return new ImportCounts(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
	}

	@Override
	public String toString() {
		return inserted + " new, " + updated + " updated, " + unchanged + " unchanged";
	}

}
