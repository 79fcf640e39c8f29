#!/usr/bin/env bash
# Runs bench/EngineRepeat (W2 and W3 generated in the workers, one warm 2-worker session per
# run of the class) for several builds alternately, in one sitting, so all see the same load:
# round 1 of each build, round 2 of each, ... Prints, per build and workload, the median wall
# time of every round's queries after the warm-ups, and the load average before each run.
#   bench/engine-repeat-ab.sh [--rounds n] [--runs n] [--warm-ups n] label=benchmarks.jar...
# Each jar is a bench/target/benchmarks.jar; for an older commit, `git archive <commit> | tar
# -x -C /tmp/x`, build it there (./mvnw -q -B -o -DskipTests -pl bench -am package), copy it aside.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

usage="usage: bench/engine-repeat-ab.sh [--rounds n] [--runs n] [--warm-ups n] label=benchmarks.jar..."
rounds=4
runs=20
warmups=5
builds=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warm-ups) warmups=$2; shift 2 ;;
        *=*) builds+=("$1"); shift ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done
[ ${#builds[@]} -ge 2 ] || { echo "$usage (at least two builds)" >&2; exit 2; }
out="$root/bench/target/engine-repeat-ab"
mkdir -p "$out"
rm -f "$out"/*.times

for round in $(seq 1 "$rounds"); do
    for workload in w2 w3; do
        for build in "${builds[@]}"; do
            label=${build%%=*}
            jar=${build#*=}
            echo "round $round, $workload, $label: load average $(cut -d' ' -f1-3 /proc/loadavg)"
            "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
                --enable-native-access=ALL-UNNAMED -Xmx4g -cp "$jar" dev.shard.bench.EngineRepeat \
                "$workload" generated "$runs" >"$out/$label-$workload-$round.log" 2>&1
            # Wall times of the queries after the warm-ups, one a line.
            grep -o 'wall [0-9.]* ms' "$out/$label-$workload-$round.log" | awk '{print $2}' \
                | tail -n +"$((warmups + 1))" >>"$out/$label-$workload.times"
        done
    done
done
echo "median wall time per query (ms) after $warmups warm-ups, $rounds rounds of $runs runs:"
for workload in w2 w3; do
    for build in "${builds[@]}"; do
        label=${build%%=*}
        sort -n "$out/$label-$workload.times" | awk -v l="$label" -v w="$workload" \
            '{a[NR]=$1} END {printf "  %s %s: median %.1f, p25 %.1f, p75 %.1f, n %d\n", w, l, a[int((NR+1)/2)], a[int(NR/4)+1], a[int(3*NR/4)], NR}'
    done
done
