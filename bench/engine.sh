#!/usr/bin/env bash
# Builds the benchmark jar (no tests) and runs the dataflow-engine benchmarks: W2 and W3 on
# the engine against 1- and 2-thread Java loops and DuckDB, the shard-size tuner against a
# pinned sweep (2 workers and 1), and a scan + filter + aggregate over a 2 GiB Arrow file
# against a sequential read. About 3-5 minutes; needs ~5 GiB of free memory (/dev/shm).
#   bench/engine.sh [--runs n] [--warm-ups n] [--rows N] [--scan-bytes B] [--budget B]
#                   [--data-dir dir] [--out file]
# Results: a markdown report on stdout and in bench/results/<YYYY-MM-DD>-engine.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

echo "bench: building bench/target/benchmarks.jar (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)

cd "$root"
exec "$jdk/bin/java" \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED \
    -Xmx4g \
    ${SHARD_BENCH_JAVA_OPTS:-} \
    -cp "$root/bench/target/benchmarks.jar" \
    dev.shard.bench.EngineBenchmarks "$@"
