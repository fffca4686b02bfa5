package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void coversEveryIndexExactlyOnce() {
        int saved = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(3);
            int[] hits = new int[10_001];
            Parallel.parallelFor(1, 10_001, 100, (a, b) -> { for (int i = a; i < b; i++) hits[i]++; });
            for (int i = 1; i < hits.length; i++) assertEquals(1, hits[i], "index " + i);
            assertEquals(0, hits[0]);
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    @Test
    void chunksCoverEveryIndexExactlyOnce() {
        int saved = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(2);
            for (int rep = 0; rep < 200; rep++) {
                int[] hits = new int[1003];
                Parallel.parallelForChunks(3, 1003, 7, (a, b) -> { for (int i = a; i < b; i++) hits[i]++; });
                for (int i = 3; i < hits.length; i++) assertEquals(1, hits[i], "index " + i);
            }
            assertThrows(ArithmeticException.class, () -> Parallel.parallelForChunks(0, 10, 1, (a, b) -> {
                if (a == 5) throw new ArithmeticException("boom");
            }));
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    @Test
    void noChunkStartsBeforeThePrologueHasFinished() {
        int saved = Parallel.getNumThreads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setNumThreads(threads);
                for (int rep = 0; rep < 200; rep++) {
                    int[] packed = new int[1];
                    AtomicInteger early = new AtomicInteger();
                    int[] hits = new int[64];
                    // A prologue long enough (sometimes past the workers' spin) that a worker would run ahead of it.
                    long spin = rep % 20 == 0 ? 200_000 : 5_000;
                    Parallel.parallelForChunks(() -> {
                        long until = System.nanoTime() + spin;
                        while (System.nanoTime() < until) Thread.onSpinWait();
                        packed[0] = 1;
                    }, 0, 64, 4, (a, b) -> {
                        if (packed[0] != 1) early.incrementAndGet();
                        for (int i = a; i < b; i++) hits[i]++;
                    });
                    assertEquals(0, early.get(), threads + " threads: a chunk ran before the prologue finished");
                    for (int i = 0; i < hits.length; i++) assertEquals(1, hits[i], "index " + i);
                }
            }
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    @Test
    void aFailingPrologueRunsNoChunkAndReachesTheCaller() {
        int saved = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(2);
            AtomicInteger ran = new AtomicInteger();
            assertThrows(ArithmeticException.class, () -> Parallel.parallelForChunks(() -> {
                throw new ArithmeticException("boom");
            }, 0, 100, 1, (a, b) -> ran.incrementAndGet()));
            // The pool stays usable, and the abandoned job's helpers ran nothing.
            Parallel.parallelForChunks(() -> { }, 0, 100, 1, (a, b) -> { });
            assertEquals(0, ran.get());
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    @Test
    void smallWorkRunsInlineOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicInteger calls = new AtomicInteger();
        Parallel.parallelFor(0, 10, 100, (a, b) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(0, a);
            assertEquals(10, b);
            calls.incrementAndGet();
        });
        assertEquals(1, calls.get());
    }

    @Test
    void nestedCallsDoNotDeadlock() {
        AtomicLong sum = new AtomicLong();
        Parallel.parallelFor(0, 64, 1, (a, b) -> {
            for (int i = a; i < b; i++) {
                Parallel.parallelFor(0, 1000, 1, (c, d) -> sum.addAndGet(d - c));
            }
        });
        assertEquals(64_000, sum.get());
    }

    @Test
    void failuresReachTheCaller() {
        int saved = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(2);
            assertThrows(IllegalStateException.class, () -> Parallel.parallelFor(0, 100, 1, (a, b) -> {
                if (a > 0) throw new IllegalStateException("boom");
            }));
            assertThrows(IllegalArgumentException.class, () -> Parallel.setNumThreads(0));
        } finally {
            Parallel.setNumThreads(saved);
        }
    }
}
