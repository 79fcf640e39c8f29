package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** Receives frames from the driver and hands them to the worker's conductor thread. */
final class WorkerAdapter extends SimpleChannelInboundHandler<Message> {
    private final WorkerConductor conductor;

    WorkerAdapter(WorkerConductor conductor) {
        this.conductor = conductor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, Message message) {
        switch (message) {
            case Message.Reject reject -> WorkerMain.fail("driver refused this worker: " + reject.reason(),
                    WorkerMain.EXIT_REJECTED);
            case Message.Shutdown ignored -> conductor.shutdown();
            case Message.Hello _, Message.Welcome _, Message.RunSetup _, Message.TaskBatch _, Message.BatchDone _,
                    Message.TaskTimedOut _, Message.RunEnd _, Message.RunSummary _ -> conductor.enqueue(message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (WorkerMain.exiting) {
            return;
        }
        WorkerMain.fail("connection to the driver closed; exiting", WorkerMain.EXIT_DRIVER_GONE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        cause.printStackTrace();
        WorkerMain.fail("protocol error: " + cause, WorkerMain.EXIT_REJECTED);
    }
}
