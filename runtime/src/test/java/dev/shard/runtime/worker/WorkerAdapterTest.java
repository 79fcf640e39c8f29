package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker's two threads taking turns on a real unix socket: every frame is handled once,
 * in the order sent, never by both threads at once; frames are read while a long one is
 * handled (the prefetch); an idle worker still sweeps; a closed socket ends both threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerAdapterTest {
    private static final int BATCHES = 2_000;

    @Test
    void framesAreHandledOnceInOrderOneAtATimeAndReadWhileALongOneRuns() throws Exception {
        Recorder recorder = new Recorder();
        try (Wire wire = Wire.open(recorder)) {
            send(wire.driverSide(), batch(0));
            await(() -> recorder.entered.get() == 1);
            // The first batch is "long": the next ones must be read meanwhile.
            for (int shard = 1; shard < BATCHES; shard++) {
                send(wire.driverSide(), batch(shard));
            }
            await(() -> wire.adapter().pendingFrames() == BATCHES - 1);
            recorder.release.countDown();
            await(() -> recorder.handled.size() == BATCHES);
            List<Integer> expected = new ArrayList<>();
            for (int shard = 0; shard < BATCHES; shard++) {
                expected.add(shard);
            }
            assertEquals(expected, recorder.handled);
            assertEquals(1, recorder.mostAtOnce.get(), "two threads were in the conductor at once");
            // Frames that reach an idle worker one at a time: each still handled once, in order.
            for (int shard = BATCHES; shard < BATCHES + 200; shard++) {
                send(wire.driverSide(), batch(shard));
                int handled = shard + 1;
                await(() -> recorder.handled.size() == handled);
            }
            assertEquals(BATCHES + 199, recorder.handled.getLast());
            assertEquals(1, recorder.mostAtOnce.get());
            assertFalse(recorder.sweeps.get() > 0, "swept although nothing was kept");
        }
    }

    @Test
    void anIdleWorkerKeepingViewsSweepsThem() throws Exception {
        Recorder recorder = new Recorder();
        recorder.release.countDown();
        recorder.keepsViews = true;
        try (Wire wire = Wire.open(recorder)) {
            send(wire.driverSide(), batch(0));
            await(() -> recorder.handled.size() == 1);
            await(() -> recorder.sweeps.get() >= 1);
            assertEquals(1, recorder.mostAtOnce.get());
        }
    }

    private static Message.TaskBatch batch(int shard) {
        return new Message.TaskBatch(1, shard, 1, 1);
    }

    private static void send(SocketChannel channel, Message message) throws Exception {
        ByteBuf frame = Unpooled.buffer();
        FrameCodec.write(message, frame);
        ByteBuffer bytes = frame.nioBuffer();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        frame.release();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    /** A conductor that records what it handled; the first batch waits for {@link #release}. */
    private static final class Recorder implements WorkerAdapter.FrameHandler {
        final List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger sweeps = new AtomicInteger();
        volatile boolean keepsViews;

        @Override
        public void handleOrExit(Message message) {
            entered.incrementAndGet();
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                int shard = ((Message.TaskBatch) message).firstShard();
                if (shard == 0) {
                    release.await();
                }
                handled.add(shard);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public boolean keepsViews() {
            return keepsViews;
        }

        @Override
        public void sweepIdle() {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            sweeps.incrementAndGet();
            inside.decrementAndGet();
        }
    }

    /** A worker-side adapter on two threads, connected to a driver side the test writes to. */
    private record Wire(Path directory, ServerSocketChannel server, SocketChannel workerSide, SocketChannel driverSide,
            WorkerAdapter adapter, List<Thread> threads) implements AutoCloseable {
        static Wire open(WorkerAdapter.FrameHandler handler) throws Exception {
            Path directory = Files.createTempDirectory("shard-worker-adapter-test");
            Path socket = directory.resolve("driver.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    .bind(UnixDomainSocketAddress.of(socket));
            SocketChannel workerSide = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel driverSide = server.accept();
            WorkerAdapter adapter = new WorkerAdapter(workerSide, handler);
            List<Thread> threads = List.of(Thread.ofPlatform().daemon().start(adapter::takeTurns),
                    Thread.ofPlatform().daemon().start(adapter::takeTurns));
            return new Wire(directory, server, workerSide, driverSide, adapter, threads);
        }

        @Override
        public void close() throws Exception {
            // As on a worker's exit: the socket closing ends both threads instead of failing the worker.
            WorkerMain.exiting = true;
            try {
                driverSide.close();
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                    assertFalse(thread.isAlive(), "a turn-taking thread outlived the connection");
                }
            } finally {
                WorkerMain.exiting = false;
                workerSide.close();
                server.close();
                Files.deleteIfExists(directory.resolve("driver.sock"));
                Files.delete(directory);
            }
        }
    }
}
