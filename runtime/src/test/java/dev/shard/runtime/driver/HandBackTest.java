package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driver's side of taking work back from a busy worker: when nothing of a run is left to
 * hand out and one worker holds nothing, the worker with the most unbegun batches is asked for
 * the newest half of them, once until one of its batches ends; what it hands back goes to the
 * idle worker, and a hand-back that arrives after its batch left the window releases nothing.
 */
class HandBackTest {
    private static final int RUN = 1;
    private static final java.util.function.Predicate<WorkerProxy> READY = worker -> worker.state == WorkerState.READY;

    /** Only its pid is read (a lost worker's failures name it): these tests isolate the driver's bookkeeping. */
    private static final class NoProcess extends Process {
        @Override
        public long pid() {
            return 0;
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            return java.io.OutputStream.nullOutputStream();
        }

        @Override
        public java.io.InputStream getInputStream() {
            return java.io.InputStream.nullInputStream();
        }

        @Override
        public java.io.InputStream getErrorStream() {
            return java.io.InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {
        }
    }

    private static WorkerProxy worker(int slot) {
        WorkerProxy worker = new WorkerProxy(slot, slot, new NoProcess());
        worker.connection = new RecordingConnection();
        worker.state = WorkerState.READY;
        return worker;
    }

    private static List<Message.TaskBatch> batchesSentTo(WorkerProxy worker) {
        return ((RecordingConnection) worker.connection).decoded().stream()
                .filter(Message.TaskBatch.class::isInstance).map(Message.TaskBatch.class::cast).toList();
    }

    private static List<Message.HandBack> handBacksSentTo(WorkerProxy worker) {
        return ((RecordingConnection) worker.connection).decoded().stream()
                .filter(Message.HandBack.class::isInstance).map(Message.HandBack.class::cast).toList();
    }

    /** The worker ran {@code batch} whole, or (handedBack) sent it back unrun. */
    private static void ended(RunConductor run, WorkerProxy worker, Message.TaskBatch batch, boolean handedBack) {
        Message.BatchDone done = new Message.BatchDone(RUN, batch.firstShard(), batch.count(), true, 0, 0, 0,
                List.of(), handedBack ? batch.count() : 0, -1, false);
        boolean held = worker.holds(RUN, batch.firstShard(), batch.count());
        worker.completed(RUN, batch.firstShard(), batch.count(), done.unclaimed());
        run.onBatchArrived(worker, done, held);
        if (!handedBack) {
            for (int shard = batch.firstShard(); shard < batch.firstShard() + batch.count(); shard++) {
                run.ledger().succeed(shard, new byte[] {1}, 1);
            }
        }
    }

    @Test
    void anIdleWorkerGetsTheNewestHalfOfABusyWorkersUnbegunBatches() {
        RunConductor run = new RunConductor(RUN, new byte[1], 8, 0, 3);
        WorkerProxy busy = worker(0);
        WorkerProxy idle = worker(1);
        run.fill(busy, 2, Long.MAX_VALUE);
        run.fill(idle, 2, Long.MAX_VALUE);
        List<Message.TaskBatch> busyBatches = batchesSentTo(busy);
        assertEquals(RunConductor.PREFETCH, busyBatches.size(), "eight one-shard batches, four to each");
        WorkerProxy[] both = {busy, idle};
        run.handBackToIdle(both, READY);
        assertEquals(List.of(), handBacksSentTo(busy), "nobody is idle yet");

        for (Message.TaskBatch batch : batchesSentTo(idle)) {
            ended(run, idle, batch, false);
        }
        run.handBackToIdle(both, READY);
        assertEquals(List.of(new Message.HandBack(RUN, 2)), handBacksSentTo(busy),
                "three unbegun batches behind the running one: the newest two are asked for");
        assertEquals(List.of(), handBacksSentTo(idle));
        run.handBackToIdle(both, READY);
        assertEquals(1, handBacksSentTo(busy).size(), "not asked again before one of its batches ends");

        ended(run, busy, busyBatches.get(3), true);
        ended(run, busy, busyBatches.get(2), true);
        run.fill(idle, 2, Long.MAX_VALUE);
        List<Message.TaskBatch> toIdle = batchesSentTo(idle);
        List<Message.TaskBatch> taken = toIdle.subList(RunConductor.PREFETCH, toIdle.size());
        assertEquals(2, taken.stream().mapToInt(Message.TaskBatch::count).sum(), "the idle worker runs both");
        assertTrue(taken.stream().allMatch(batch -> batch.firstShard() >= busyBatches.get(2).firstShard()),
                "the shards handed back, not others: " + taken);
        assertEquals(ShardLedger.RUNNING, run.ledger().state(busyBatches.get(3).firstShard()));
    }

    @Test
    void aHandBackFromABatchNoLongerInTheWindowReleasesNothing() {
        RunConductor run = new RunConductor(RUN, new byte[1], 8, 0, 3);
        WorkerProxy lost = worker(0);
        WorkerProxy other = worker(1);
        run.fill(lost, 2, Long.MAX_VALUE);
        run.fill(other, 2, Long.MAX_VALUE);
        Message.TaskBatch newest = batchesSentTo(lost).getLast();
        run.onWorkerLost(lost, "killed");
        for (Message.TaskBatch batch : batchesSentTo(other)) {
            ended(run, other, batch, false);
        }
        run.fill(other, 2, Long.MAX_VALUE);
        assertTrue(other.holds(RUN, newest.firstShard(), newest.count()), "the lost worker's batch went out again");
        assertEquals(ShardLedger.RUNNING, run.ledger().state(newest.firstShard()));

        Message.BatchDone late = new Message.BatchDone(RUN, newest.firstShard(), newest.count(), true, 0, 0, 0,
                List.of(), newest.count(), -1, false);
        run.onBatchArrived(lost, late, lost.holds(RUN, newest.firstShard(), newest.count()));
        assertEquals(ShardLedger.RUNNING, run.ledger().state(newest.firstShard()),
                "a late hand-back does not release a shard another worker runs");
        assertTrue(!run.ledger().hasReturned(), "nothing waits to go out twice");
    }

    @Test
    void aRunWithWorkLeftToHandOutAsksForNothing() {
        RunConductor run = new RunConductor(RUN, new byte[1], 100, 0, 3);
        WorkerProxy busy = worker(0);
        WorkerProxy idle = worker(1);
        run.fill(busy, 2, Long.MAX_VALUE);
        WorkerProxy[] both = {busy, idle};
        run.handBackToIdle(both, READY);
        assertEquals(List.of(), handBacksSentTo(busy), "fresh shards remain: the idle worker takes those");
    }
}
