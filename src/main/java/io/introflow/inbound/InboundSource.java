package io.introflow.inbound;

import org.springframework.stereotype.Component;

/**
 * Reads new replies from the source the configuration names
 * ({@code introflow.inbound.source}).
 */
@Component
public class InboundSource {

	private final InboundProperties inbound;

	private final ImapSource imap;

	private final FolderSource folder;

	InboundSource(InboundProperties inbound, ImapSource imap, FolderSource folder) {
		this.inbound = inbound;
		this.imap = imap;
		this.folder = folder;
	}

	/**
	 * @return how many new messages were stored
	 */
	public int fetch() {
		return switch (inbound.source()) {
			case IMAP -> imap.fetch();
			case FOLDER -> folder.fetch(inbound.folder());
			case NONE -> 0;
		};
	}

	/** Where replies come from, for reports. */
	public String describe() {
		return switch (inbound.source()) {
			case IMAP -> "imap";
			case FOLDER -> "folder " + inbound.folder();
			case NONE -> "none (introflow.inbound.source)";
		};
	}

}
