#!/usr/bin/env python3
"""Worker start before/after (issue 8): one worker JVM at a time, with no driver JVM
competing for the cores, from spawn to its hello frame arriving on a unix socket this
script listens on, and the worker's CPU time (user + system, until it exits when the
socket closes). Two builds, run alternately. Each build gets an AOT cache of its own,
recorded by one worker first (as the pool records the real one).

    bench/worker-start-ab.py <before tree> <after tree> [starts]

A tree's classpath is the one bin/shard uses (its jars, then examples/target/shard.classpath).
Worker options are those WorkerLauncher gives a worker of that tree (--after-options adds
the options only the newer launcher passes)."""
import os, socket, statistics, subprocess, sys, tempfile, time

JAVA_FLAGS = ['--add-opens=java.base/java.nio=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow',
              '--enable-native-access=ALL-UNNAMED', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Xmn32m']
AFTER_OPTIONS = ['-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider']


def classpath(tree):
    jars = [f'{tree}/{module}/target/shard-{module}-0.1.0-SNAPSHOT.jar'
            for module in ('storage', 'runtime', 'planner', 'dsl', 'examples')]
    with open(f'{tree}/examples/target/shard.classpath') as listing:
        return ':'.join(jars) + ':' + listing.read().strip()


def start(java, tree, options, cache, record, work):
    path = os.path.join(work, 'probe.sock')
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(1)
    command = [java] + JAVA_FLAGS + options + [('-XX:AOTCacheOutput=' if record else '-XX:AOTCache=') + cache,
               '-Dshard.worker=probe:0', '-Dshard.worker.socket=' + path, f'-Dshard.worker.driver={os.getpid()}',
               '-cp', classpath(tree), 'dev.shard.runtime.worker.WorkerMain']
    spawned = time.time_ns()
    worker = subprocess.Popen(command, env=dict(os.environ, SHARD_WORKER_TOKEN='00' * 16),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    connection, _ = server.accept()
    if not connection.recv(64):
        sys.exit(f'worker-start-ab: the worker of {tree} sent no hello')
    hello = (time.time_ns() - spawned) / 1e6
    connection.close()
    server.close()
    _, _, usage = os.wait4(worker.pid, 0)
    return hello, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    trees = {'before': (sys.argv[1], []), 'after': (sys.argv[2], AFTER_OPTIONS)}
    starts = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    java = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'
    with tempfile.TemporaryDirectory() as work:
        caches = {label: os.path.join(work, label + '.aot') for label in trees}
        for label, (tree, options) in trees.items():
            start(java, tree, options, caches[label], True, work)
        results = {label: [] for label in trees}
        loads = []
        for round_ in range(starts):
            loads.append(open('/proc/loadavg').read().split()[0])
            for label in (['before', 'after'] if round_ % 2 == 0 else ['after', 'before']):
                tree, options = trees[label]
                results[label].append(start(java, tree, options, caches[label], False, work))
    print('Load average (1 min) before each round:', ' '.join(loads))
    print()
    print(f'| one worker JVM, AOT cache, median of {starts} | spawn to hello, ms | worker CPU time, ms |')
    print('|---|---|---|')
    for label, values in results.items():
        print(f'| {label} | {statistics.median(v[0] for v in values):.0f} | {statistics.median(v[1] for v in values):.0f} |')


if __name__ == '__main__':
    main()
