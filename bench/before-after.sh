#!/usr/bin/env bash
# Runs the end-to-end benchmarks of several builds alternately, in one sitting, so that all
# see the same machine load: round 1 of each build, round 2 of each, ...
#   bench/before-after.sh [--rounds n] label=benchmarks.jar... [-- harness arguments]
# e.g. bench/before-after.sh --rounds 4 before=/tmp/before.jar after=bench/target/benchmarks.jar -- --runs 3
# Each jar is a bench/target/benchmarks.jar (bench/run.sh builds one; for an older commit,
# `git worktree add /tmp/x <commit>` and build it there, then copy the jar aside). Per-run
# tables, logs and the load average before each run go to bench/target/before-after/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

usage="usage: bench/before-after.sh [--rounds n] label=benchmarks.jar... [-- harness arguments]"
rounds=3
builds=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --) shift; break ;;
        *=*) builds+=("$1"); shift ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done
[ ${#builds[@]} -ge 2 ] || { echo "$usage (at least two builds)" >&2; exit 2; }
out="$root/bench/target/before-after"
mkdir -p "$out"

for round in $(seq 1 "$rounds"); do
    for build in "${builds[@]}"; do
        label=${build%%=*}
        jar=${build#*=}
        echo "round $round, $label: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -cp "$jar" dev.shard.bench.RuntimeBenchmarks \
            --out "$out/$label-$round.md" "$@" >"$out/$label-$round.log" 2>&1
        grep -i "tiny" "$out/$label-$round.md" | sed "s/^/  /"
    done
done
