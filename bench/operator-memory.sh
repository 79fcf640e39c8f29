#!/usr/bin/env bash
# Measures each operator's private memory per byte of its shard against the amplification it
# declares to the tuner (OperatorCost): every case on a fresh pool, warmed on a small input,
# at two pinned shard sizes; growth is RssAnon above the worker's memory before the run.
# About 2-4 minutes; needs ~2 GiB of free memory.
#   bench/operator-memory.sh [--small rows] [--large rows] [--workers n] [--out file]
# Results: a markdown table on stdout and in bench/results/<YYYY-MM-DD>-operator-memory.md (or --out),
# with the load average before and after (run it on a quiet machine for figures to quote).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

echo "bench: building bench/target/benchmarks.jar (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)

# --out names the results file (default: today's file under bench/results); the other options go
# to OperatorMemory, which writes its table to a temporary file that the results file wraps.
out="$root/bench/results/$(date -u +%F)-operator-memory.md"
options=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--out" ]; then
        [ $# -ge 2 ] || { echo "operator-memory.sh: --out needs a file name" >&2; exit 2; }
        out=$2
        shift 2
    else
        options+=("$1")
        shift
    fi
done
table=$(mktemp)
trap 'rm -f "$table"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$jdk/bin/java" \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED \
    ${SHARD_BENCH_JAVA_OPTS:-} \
    -cp "$root/bench/target/benchmarks.jar" \
    dev.shard.bench.OperatorMemory --out "$table" ${options[@]+"${options[@]}"} >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "# Operator memory: measured against declared amplification ($(date -u +%F))"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);"
    echo "load average before $load_before, after $load_after. Private memory is RssAnon (/proc)."
    echo
    cat "$table"
} | tee "$out"
