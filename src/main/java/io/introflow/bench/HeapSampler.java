package io.introflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples the heap every 20 ms: the most in use (live objects and garbage), and the most
 * left in use right after a garbage collection, which is what the import really keeps.
 */
public final class HeapSampler implements AutoCloseable {

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long peakUsed;

	private volatile long peakAfterGc;

	private final java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(java.util.stream.Collectors.toSet());

	public HeapSampler() {
		thread = new Thread(this::sample, "heap-sampler");
		thread.setDaemon(true);
		thread.start();
	}

	private void sample() {
		while (running) {
			peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
			for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (gc instanceof com.sun.management.GarbageCollectorMXBean hotspot
						&& hotspot.getLastGcInfo() != null) {
					long after = hotspot.getLastGcInfo()
						.getMemoryUsageAfterGc()
						.entrySet()
						.stream()
						.filter(e -> heapPools.contains(e.getKey()))
						.mapToLong(e -> e.getValue().getUsed())
						.sum();
					peakAfterGc = Math.max(peakAfterGc, after);
				}
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	public long peakUsed() {
		return peakUsed;
	}

	public long peakAfterGc() {
		return peakAfterGc;
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
	}

}
