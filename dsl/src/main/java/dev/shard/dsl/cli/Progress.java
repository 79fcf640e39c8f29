package dev.shard.dsl.cli;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.run.ScriptRunner;
import dev.shard.runtime.task.PoolStatus;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line on stderr, redrawn in place five times a second while a statement runs:
 * stage, shards done/total, rate, ETA, the workers' private memory against the budget.
 * Shown only when stderr is a terminal ({@code System.console()}); otherwise silent.
 */
final class Progress implements ScriptRunner.RunListener, AutoCloseable {
    private static final long REDRAW_MILLIS = 200;

    private final Session session;
    private final String budget;
    private final PrintStream err;
    private final Thread drawer;
    private volatile String stage = "starting";
    private volatile long total;
    private volatile long doneAtStart;
    private volatile long startNanos = System.nanoTime();
    private volatile boolean running = true;

    private Progress(Session session, String budget, PrintStream err, boolean enabled) {
        this.session = session;
        this.budget = budget;
        this.err = err;
        this.drawer = enabled ? Thread.ofPlatform().daemon().name("shard-progress").unstarted(this::draw) : null;
        if (drawer != null) {
            drawer.start();
        }
    }

    static Progress forTerminal(Session session, String budget, PrintStream err) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new Progress(session, budget, err, terminal || Boolean.getBoolean("shard.progress"));
    }

    @Override
    public void starting(SourceSpan span, String stage, long shards) {
        this.stage = stage;
        this.total = shards;
        this.doneAtStart = tasksDone(session.pool().status());
        this.startNanos = System.nanoTime();
    }

    private void draw() {
        while (running) {
            try {
                Thread.sleep(REDRAW_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            PoolStatus status = session.pool().status();
            long done = tasksDone(status) - doneAtStart;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = total > 0 && rate > 0 && done < total
                    ? String.format(Locale.ROOT, "%.1f s", (total - done) / rate) : "-";
            long memory = status.workers().stream().mapToLong(PoolStatus.WorkerStatus::currentPrivateBytes).sum();
            String line = String.format(Locale.ROOT, "%s  shards %d/%s  %.1f shards/s  ETA %s  memory %s%s",
                    stage, done, total > 0 ? Long.toString(total) : "?", rate, eta, Bytes.format(memory),
                    " / " + (budget == null ? Bytes.format(session.memoryBudgetBytes()) : budget));
            synchronized (err) {
                err.print("\r\033[2K" + line);
                err.flush();
            }
        }
    }

    private static long tasksDone(PoolStatus status) {
        return status.workers().stream().mapToLong(PoolStatus.WorkerStatus::tasksDone).sum();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (drawer != null) {
            drawer.interrupt();
            try {
                drawer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\033[2K");
            err.flush();
        }
    }
}
