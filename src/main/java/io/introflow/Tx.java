package io.introflow;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short, independent transactions. Batch tasklets run inside a step transaction; work
 * that must be durable on its own (an outbox row claimed, a message stored raw) commits
 * here, whatever happens to the step afterwards.
 */
@Component
public class Tx {

	private final TransactionTemplate requiresNew;

	public Tx(PlatformTransactionManager transactionManager) {
		this.requiresNew = new TransactionTemplate(transactionManager);
		this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public <T> T inNew(Supplier<T> work) {
		return requiresNew.execute(status -> work.get());
	}

	public void runInNew(Runnable work) {
		requiresNew.executeWithoutResult(status -> work.run());
	}

}
