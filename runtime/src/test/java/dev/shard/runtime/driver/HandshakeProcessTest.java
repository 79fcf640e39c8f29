package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.runtime.worker.WorkerMain;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver accepts only its own children: magic, version, token and peer credentials are checked. */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void strangersAreRefusedWithTheReason() throws Exception {
        try (Pool pool = Pool.builder().workers(1).start()) {
            long workerPid = pool.status().workers().getFirst().pid();
            String socket = argument(workerPid, "-D" + WorkerMain.SOCKET_PROPERTY + "=");
            Path directory = Path.of(socket).getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            // Same user can read a child's environment; other users cannot reach the 0700 directory at all.
            byte[] token = HexFormat.of().parseHex(environment(workerPid, WorkerMain.TOKEN_ENV));
            long self = ProcessHandle.current().pid();

            assertEquals("not a shard worker (bad magic)",
                    refusal(socket, new Message.Hello(0x12345678, ProtocolVersion.VERSION, 0, self, token)));
            assertTrue(refusal(socket, new Message.Hello(ProtocolVersion.MAGIC, 99, 0, self, token))
                    .startsWith("protocol version 99 but the driver speaks " + ProtocolVersion.VERSION));
            assertEquals("wrong run token", refusal(socket,
                    new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, self, new byte[32])));
            assertEquals("peer credentials say pid " + self + " but the hello claims pid " + workerPid,
                    refusal(socket, new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, workerPid,
                            token)));
            assertEquals("worker 0 (pid " + self + ") is not expected by this pool", refusal(socket,
                    new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, self, token)));

            // The real worker is untouched by all this.
            assertEquals(3, pool.poolLapply(List.of(1, 2), i -> i).results().stream().mapToInt(i -> i).sum());
        }
    }

    private static String refusal(String socket, Message.Hello hello) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        CompletableFuture<String> reason = new CompletableFuture<>();
        try {
            Channel channel = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                    .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                        @Override
                        protected void initChannel(EpollDomainSocketChannel channel) {
                            channel.pipeline().addLast(new FrameCodec(), new SimpleChannelInboundHandler<Message>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext context, Message message) {
                                    reason.complete(message instanceof Message.Reject reject ? reject.reason()
                                            : "accepted: " + message);
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext context) {
                                    reason.complete("closed without a reason");
                                }
                            });
                        }
                    })
                    .connect(new DomainSocketAddress(socket)).sync().channel();
            channel.writeAndFlush(hello);
            return reason.get(10, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
        }
    }

    private static String argument(long pid, String prefix) throws Exception {
        for (String argument : Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0")) {
            if (argument.startsWith(prefix)) {
                return argument.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " on the command line of " + pid);
    }

    private static String environment(long pid, String name) throws Exception {
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            if (entry.startsWith(name + "=")) {
                return entry.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in the environment of " + pid);
    }
}
