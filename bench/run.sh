#!/usr/bin/env bash
# Builds the benchmark jar (bench/target/benchmarks.jar, every module inside, no tests)
# and runs the end-to-end benchmarks: pool start-up, tiny-task throughput, round trip,
# and W1 colcor against in-process loops. Arguments go to the harness:
#   bench/run.sh [--runs n] [--out file] [--skip-million]
# Results: a markdown table on stdout and in bench/target/results.md.
# With "jmh" first, runs JMH instead (the rest are JMH's arguments):
#   bench/run.sh jmh ShardMapLatencyBenchmark
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

echo "bench: building bench/target/benchmarks.jar (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)

main=dev.shard.bench.RuntimeBenchmarks
if [ "${1:-}" = jmh ]; then
    shift
    main=org.openjdk.jmh.Main
fi
cd "$root"
exec "$jdk/bin/java" \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED \
    ${SHARD_BENCH_JAVA_OPTS:-} \
    -cp "$root/bench/target/benchmarks.jar" \
    "$main" "$@"
