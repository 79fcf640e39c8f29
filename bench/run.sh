#!/usr/bin/env bash
# Builds the benchmark jar (bench/target/benchmarks.jar, every module inside, no tests)
# and runs the end-to-end benchmarks: pool start-up, tiny-task throughput, round trip,
# and W1 colcor against in-process loops. Arguments go to the harness:
#   bench/run.sh [--runs n] [--out file] [--skip-million] [--untrained-cache]
# The driver and the workers start from AOT caches recorded first by startup-training (as
# bin/shard records a user's), in a temporary directory of the harness's own; see bench/README.md.
# Results: a markdown table on stdout, appended to bench/results/<UTC date>-runtime.md (--out file to change).
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
jar="$root/bench/target/benchmarks.jar"
# shellcheck disable=SC2206 # options are words, as in bin/shard's SHARD_JAVA_OPTS
flags=(--add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
    --enable-native-access=ALL-UNNAMED ${SHARD_BENCH_JAVA_OPTS:-})
aot=()
if [ "$main" = dev.shard.bench.RuntimeBenchmarks ] && [[ " $* " != *" --untrained-cache "* ]]; then
    # The start-up caches as bin/shard records a user's: startup-training records the driver's
    # cache and, through its pool, the workers' one, here in a directory of the harness's own.
    # shellcheck source=../bin/driver-aot.sh
    . "$root/bin/driver-aot.sh"
    aot_dir=$(mktemp -d "${TMPDIR:-/tmp}/shard-bench-aot-XXXXXX")
    trap 'rm -rf "$aot_dir"' EXIT
    SHARD_AOT_DIR=$aot_dir shard_driver_aot "$jdk" "$jar" "${flags[@]}"
    aot=("${shard_aot_options[@]}")
fi
status=0
"$jdk/bin/java" "${flags[@]}" "${aot[@]}" -cp "$jar" "$main" "$@" || status=$?
exit "$status"
