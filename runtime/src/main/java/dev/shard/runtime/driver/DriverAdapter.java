package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import java.io.IOException;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one worker's frames. The first frame must be a {@link Message.Hello} with our
 * magic, version and run token, sent from a process whose kernel-reported pid (peer
 * credentials) is one of the children this pool spawned; anything else is refused and
 * the connection closed. After that, frames go to the conductor.
 */
final class DriverAdapter extends SimpleChannelInboundHandler<Message> {
    private static final Logger LOG = LoggerFactory.getLogger(DriverAdapter.class);

    private final byte[] token;
    private final DriverConductor conductor;
    private WorkerProxy worker;

    DriverAdapter(byte[] token, DriverConductor conductor) {
        this.token = token;
        this.conductor = conductor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, Message message) {
        if (worker != null) {
            conductor.onMessage(worker, message);
            return;
        }
        if (!(message instanceof Message.Hello hello)) {
            refuse(context, "expected a hello frame first, got " + message.getClass().getSimpleName());
            return;
        }
        String problem = check(context, hello);
        if (problem != null) {
            refuse(context, problem);
            return;
        }
        worker = conductor.onConnected(hello.workerId(), hello.pid(), context.channel());
        if (worker == null) {
            refuse(context, "worker " + hello.workerId() + " (pid " + hello.pid() + ") is not expected by this pool");
        }
    }

    private String check(ChannelHandlerContext context, Message.Hello hello) {
        if (hello.magic() != ProtocolVersion.MAGIC) {
            return "not a shard worker (bad magic)";
        }
        if (hello.version() != ProtocolVersion.VERSION) {
            return "protocol version " + hello.version() + " but the driver speaks " + ProtocolVersion.VERSION
                    + " (driver and workers must run the same shard build)";
        }
        if (hello.token() == null || !MessageDigest.isEqual(hello.token(), token)) {
            return "wrong run token";
        }
        try {
            long peerPid = ((EpollDomainSocketChannel) context.channel()).peerCredentials().pid();
            if (peerPid != hello.pid()) {
                return "peer credentials say pid " + peerPid + " but the hello claims pid " + hello.pid();
            }
        } catch (IOException e) {
            return "cannot read peer credentials: " + e.getMessage();
        }
        return null;
    }

    private void refuse(ChannelHandlerContext context, String reason) {
        LOG.warn("refused a worker connection: {}", reason);
        context.writeAndFlush(new Message.Reject(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (worker != null) {
            conductor.onDisconnected(worker);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.warn("connection error from {}: {}", worker == null ? "an unidentified peer" : worker, cause.toString());
        context.close();
    }
}
