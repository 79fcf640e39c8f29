#!/usr/bin/env bash
# Pool start (2 workers, spawn to all connected) in a FRESH driver JVM, one JVM per round
# (issue 8): bench/target/benchmarks.jar's FreshPoolStart, run like an embedding program
# (plain java, the required flags, no driver AOT cache; the workers use theirs as by default).
# With -Dshard.worker.timings each round also records, in ms after the spawn, each worker's
# start-up steps and the driver's (listener bound, hello accepted per worker, all connected);
# their medians over all rounds are printed under the start.
#   bench/pool-start.sh [--rounds n] [--label text] [--before jar] [--results file]
# Build first (./mvnw -q -B -DskipTests -pl bench -am package). --before names another build's
# benchmarks.jar (a copy of the one before a change): its rounds alternate with this build's,
# order flipped every round, so both see the same load; it gets a table of its own.
# Appends its tables to bench/results/<UTC date>-pool-start.md (or to --results file) and prints them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=10
label=""
before=""
results=""
jar="$root/bench/target/benchmarks.jar"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --label) label=${2:?--label needs a text}; shift 2 ;;
        --before) before=${2:?--before needs a jar}; shift 2 ;;
        --results) results=${2:?--results needs a file}; shift 2 ;;
        *) echo "pool-start.sh: unknown argument '$1' (use --rounds n, --label text, --before jar, --results file)" >&2
            exit 2 ;;
    esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "pool-start.sh: --rounds needs a positive number" >&2; exit 2; }
for file in "$jar" ${before:+"$before"}; do
    [ -f "$file" ] || { echo "pool-start.sh: $file is missing; build: ./mvnw -q -B -DskipTests -pl bench -am package" >&2; exit 1; }
done
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median min max spread of the numbers on stdin
stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.4g %.4g %.4g %.0f%%\n", m, v[1], v[NR], (m > 0) ? 100 * (v[NR] - v[1]) / m : 0 }'
}

# One fresh JVM: one pool start with the jar $1; results under $work/$2.*
start_once() {
    local out value
    out=$("$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        --enable-native-access=ALL-UNNAMED -Dshard.worker.timings="$work/$2.steps" \
        -cp "$1" dev.shard.bench.FreshPoolStart 2 2>>"$work/$2.err") \
        || { echo "pool-start.sh: FreshPoolStart failed: $(tail -5 "$work/$2.err")" >&2; exit 1; }
    value=$(sed -n 's/^pool_start_ms=//p' <<<"$out")
    [ -n "$value" ] || { echo "pool-start.sh: no pool_start_ms in: $out" >&2; exit 1; }
    echo "$value" >>"$work/$2.starts"
}

# The workers record their AOT cache once per classpath: one start each before measuring.
# shellcheck source=lib/aot-assembly.sh
. "$root/bench/lib/aot-assembly.sh"
start_once "$jar" warm-up
[ -z "$before" ] || start_once "$before" warm-up
shard_await_aot_assembly
load_before=$(cut -d' ' -f1 /proc/loadavg)
for ((round = 1; round <= rounds; round++)); do
    if [ -z "$before" ]; then
        start_once "$jar" this
    elif ((round % 2)); then
        start_once "$before" before
        start_once "$jar" this
    else
        start_once "$jar" this
        start_once "$before" before
    fi
done
load_after=$(cut -d' ' -f1 /proc/loadavg)

# The table of one build: $1 the tag, $2 its name in the title.
table() {
    local median low high spread
    read -r median low high spread < <(stats <"$work/$1.starts")
    echo
    echo "### Pool start in a fresh driver JVM, $2${label:+ ($label)}, $(date -u '+%F %H:%M') UTC"
    echo
    echo "$rounds rounds, 2 workers, $(nproc) cores, load average $load_before before, $load_after after."
    echo
    echo "| figure | median | min | max | spread |"
    echo "|---|---|---|---|---|"
    echo "| pool start, from the start() call, ms | $median | $low | $high | $spread |"
    [ -f "$work/$1.steps" ] || return 0
    # Each line: "<who> ms after spawn: step a 12.3, step b 45.6"; who is "worker <n>" or "driver".
    sed -E 's/^(worker) [0-9]+/\1/' "$work/$1.steps" | awk -F': ' '{
        who = $1; sub(/ ms after spawn$/, "", who)
        n = split($2, steps, ", ")
        delete seen
        for (i = 1; i <= n; i++) {
            at = steps[i]; sub(/.* /, "", at); name = steps[i]; sub(/ [^ ]*$/, "", name)
            print who ": " name "\t" at
            seen[name] = at
        }
        # Within one worker, from its main: less disturbed by when the load let its JVM start.
        if (who == "worker" && ("main entered" in seen)) {
            if ("hello written" in seen) print "worker: main entered to hello written\t" seen["hello written"] - seen["main entered"]
            if ("frames ready" in seen) print "worker: main entered to frames ready\t" seen["frames ready"] - seen["main entered"]
        }
    }' >"$work/$1.all"
    cut -f1 "$work/$1.all" | awk '!seen[$0]++' | while IFS= read -r step; do
        read -r median low high spread < <(awk -F'\t' -v k="$step" '$1 == k { print $2 }' "$work/$1.all" | stats)
        case "$step" in
            *" to "*) echo "| $step, ms | $median | $low | $high | $spread |" ;;
            *) echo "| $step, ms after spawn | $median | $low | $high | $spread |" ;;
        esac
    done
}

{
    [ -z "$before" ] || table before "before: $before"
    table this "this build"
} | tee -a "${results:-"$root/bench/results/$(date -u +%F)-pool-start.md"}"
