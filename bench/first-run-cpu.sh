#!/usr/bin/env bash
# CPU time of the driver and each worker across the first runs of a fresh pool
# (dev.shard.bench.FirstRunCpu): n fresh pools each for W1 colcor and 10,000 tiny tasks,
# after one warm-up pool each (it records the workers' AOT cache). CPU figures are far
# less disturbed by other builds than wall times; compare two builds in alternating calls.
#   bench/first-run-cpu.sh [rounds] [runs per pool]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${1:-3}
runs=${2:-4}
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] \
    || { echo "first-run-cpu.sh: rounds and runs must be positive numbers" >&2; exit 2; }
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

echo "first-run-cpu: building bench/target/benchmarks.jar (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)

measure() {
    "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        --enable-native-access=ALL-UNNAMED -cp "$root/bench/target/benchmarks.jar" \
        dev.shard.bench.FirstRunCpu "$1" "$runs"
}
# shellcheck source=lib/aot-assembly.sh
. "$root/bench/lib/aot-assembly.sh"
echo "first-run-cpu: warm-up pools (make the workers' cache)..." >&2
measure colcor >/dev/null
shard_await_aot_assembly
measure tiny >/dev/null
echo "commit $(cd "$root" && git rev-parse --short HEAD), $(nproc) CPUs, load before $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= rounds; round++)); do
    measure colcor | sed "s/^/colcor round $round /"
    measure tiny | sed "s/^/tiny round $round /"
done
