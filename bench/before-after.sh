#!/usr/bin/env bash
# Runs the end-to-end benchmarks of two builds alternately, in one sitting, so that both
# see the same machine load: before, after, before, after, ...
#   bench/before-after.sh <before.jar> <after.jar> [rounds] [harness arguments...]
# Each jar is a bench/target/benchmarks.jar (bench/run.sh builds one; for an older commit,
# `git worktree add /tmp/x <commit>` and build it there). Per-run tables and the load
# average before each run go to bench/target/before-after/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

before=${1:?usage: bench/before-after.sh <before.jar> <after.jar> [rounds] [harness arguments...]}
after=${2:?usage: bench/before-after.sh <before.jar> <after.jar> [rounds] [harness arguments...]}
rounds=${3:-3}
shift $(($# < 3 ? $# : 3))
out="$root/bench/target/before-after"
mkdir -p "$out"

for round in $(seq 1 "$rounds"); do
    for side in before after; do
        jar=$before
        [ "$side" = after ] && jar=$after
        echo "round $round, $side: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -cp "$jar" dev.shard.bench.RuntimeBenchmarks \
            --out "$out/$side-$round.md" "$@" >"$out/$side-$round.log" 2>&1
        grep -i "tiny\|pool start" "$out/$side-$round.md" | sed "s/^/  /"
    done
done
