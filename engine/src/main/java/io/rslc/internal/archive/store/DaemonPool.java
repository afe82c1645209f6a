package io.rslc.internal.archive.store;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A fixed pool of daemon threads for archive I/O that overlaps well (fsyncs, manifest writes), shared by every
 * archive call of the JVM; daemon threads, so an embedding application's exit never waits for an idle pool.
 */
public final class DaemonPool {

    private final ExecutorService pool;

    public DaemonPool(String threadName, int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * Waits for every task, then throws the first failure, as {@code failure} maps its cause.
     *
     * @param waitingFor what is being waited for, for the error if the waiting thread is interrupted
     */
    public static void awaitAll(List<? extends Future<?>> tasks, Function<Throwable, RuntimeException> failure,
                         String waitingFor) {
        RuntimeException first = null;
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = failure.apply(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RslcException(ErrorCode.ARCHIVE, "interrupted while waiting for " + waitingFor);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
