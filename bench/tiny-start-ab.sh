#!/usr/bin/env bash
# Tiny tasks right after pool start, two or more builds alternated in one sitting:
#   bench/tiny-start-ab.sh [--rounds n] [--warm-ups n] [--runs n] [--round-trip | --w1] name=a.jar name=b.jar ...
# Each build's workers start from an AOT cache of its own, recorded first by the workload
# bin/shard records a user's cache with (startup-training), in a directory of its own; a name
# ending in -untrained records it with a pool that runs nothing instead. Then,
# round after round (the order flipped every round), a fresh driver JVM per build starts a
# 2-worker pool, runs --warm-ups runs (default 1) of 10,000 tiny tasks and --runs measured
# ones (default 5), and prints their tasks/s, the driver's and workers' CPU per run and the
# workers' voluntary context switches per run (threads woken). With --round-trip, each
# measurement is instead 2,000 one-task calls on a pool warmed by 500: median and p90 µs per
# call, CPU µs per call. With --w1, W1 colcor (10,000 x 2,000) as bench/run.sh measures it: per
# round the 2-thread loop, then the warm pool over the same memory, 10 warm-up rounds and 7
# measured: medians, pool / 2-thread loop, and CPU per pool call.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
rounds=5 warmups=1 runs=5 mode=measure
builds=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --warm-ups) warmups=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --round-trip) mode=roundtrip; shift ;;
        --w1) mode=w1; shift ;;
        *=*) builds+=("$1"); shift ;;
        *) echo "tiny-start-ab: unknown argument '$1'; use [--rounds n] [--warm-ups n] [--runs n] name=jar..." >&2; exit 2 ;;
    esac
done
[ "${#builds[@]}" -ge 2 ] || { echo "tiny-start-ab: give at least two builds as name=jar" >&2; exit 2; }
flags=(--add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
work=$(mktemp -d /tmp/shard-tiny-start-XXXXXX)
trap 'rm -rf "$work"' EXIT
for build in "${builds[@]}"; do
    name=${build%%=*} jar=${build#*=}
    mkdir -p "$work/$name"
    cp "$jar" "$work/$name/benchmarks.jar"
    recording=train
    [[ "$name" != *-untrained ]] || recording=record-empty
    echo "$name: recording its workers' cache ($recording; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    "$jdk/bin/java" "${flags[@]}" -Dshard.aot.dir="$work/$name/aot" -cp "$work/$name/benchmarks.jar" \
        "$root/bench/ab/TinyStartRound.java" $recording >&2
done
for ((round = 1; round <= rounds; round++)); do
    order=("${builds[@]}")
    if ((round % 2 == 0)); then
        order=()
        for ((i = ${#builds[@]} - 1; i >= 0; i--)); do order+=("${builds[$i]}"); done
    fi
    for build in "${order[@]}"; do
        name=${build%%=*}
        line=$("$jdk/bin/java" "${flags[@]}" -Dshard.aot.dir="$work/$name/aot" -cp "$work/$name/benchmarks.jar" \
            "$root/bench/ab/TinyStartRound.java" $mode $( [ $mode = measure ] && echo "$warmups $runs 10000" ) 2>/dev/null \
            | tail -1)
        echo "round=$round build=$name load=$(cut -d' ' -f1 /proc/loadavg) $line"
    done
done
