#!/usr/bin/env bash
# The language's benchmarks: the front end on a 200-line script and colcor.shard's apply
# against the W1 example kernel on a warm pool (ScriptBenchmarks), then the wall time of
# `bin/shard check` from a cold command, median of N runs (default 10):
#   bench/script.sh [--runs n]
# Results: markdown on stdout, appended to bench/results/<UTC date>-script.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
runs=10
[ "${1:-}" = --runs ] && runs=$2

echo "bench: building bench/target/benchmarks.jar (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)
cd "$root"
mkdir -p "$root/bench/results"
out="$root/bench/results/$(date -u +%F)-script.md"
{ echo; echo "## bench/script.sh, $(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), load $(cut -d' ' -f1-3 /proc/loadavg)"; echo; } >>"$out"
"$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED ${SHARD_BENCH_JAVA_OPTS:-} -cp "$root/bench/target/benchmarks.jar" \
    dev.shard.bench.ScriptBenchmarks --runs 5 | tee -a "$out"

# A cold command: a new launcher and driver JVM each time (the driver's AOT cache is used,
# as for users; it is recorded by the first call, which is left out).
bin/shard check examples/quickstart.shard >/dev/null
times=()
for _ in $(seq "$runs"); do
    start=${EPOCHREALTIME/[.,]/}
    bin/shard check examples/quickstart.shard >/dev/null
    end=${EPOCHREALTIME/[.,]/}
    times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
line="| \`bin/shard check examples/quickstart.shard\`, cold command | ${median} ms | $(printf '%s\n' "${times[@]}" | sort -n | head -1) ms | $(printf '%s\n' "${times[@]}" | sort -n | tail -1) ms | | ${runs} |"
echo "$line"
echo "$line" >>"$out"
