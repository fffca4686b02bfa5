package dev.autograd4j.reliability;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;

/** Test helpers that ask the collector to run until a weak reference clears or the heap settles. */
final class Gc {
    private Gc() {}

    /** Whether {@code ref} is cleared after up to 20 full collections (a live referent never clears). */
    static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ref.get() == null;
    }

    /** Heap in use after three full collections, in bytes. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
