#!/usr/bin/env bash
# Cold start (issue 8): `bin/shard example colcor` as a whole command against a plain
# single-threaded Java program doing the same work (dev.shard.bench.SingleThreadColcor,
# same JDK, one process). Builds first, runs each command once to make the caches, then
# runs them alternately (the order flips every round) and times each whole command.
# Every run must print check=7.971999041855e+02. Then runs `bin/shard --timings example
# colcor` the same number of times for the breakdown by phase.
#   bench/cold.sh [--runs n] [--label text] [--no-breakdown] [--results file]
# Appends a section to bench/results/<UTC date>-cold.md (or to --results file) and prints it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/aot-assembly.sh
. "$root/bench/lib/aot-assembly.sh"
# shellcheck source=lib/build-stamp.sh
. "$root/bench/lib/build-stamp.sh"
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1

runs=10
label=""
breakdown=1
results=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --label) label=${2:?--label needs a text}; shift 2 ;;
        --no-breakdown) breakdown=0; shift ;;
        --results) results=${2:?--results needs a file}; shift 2 ;;
        *) echo "cold.sh: unknown argument '$1' (use --runs n, --label text, --no-breakdown, --results file)" >&2
            exit 2 ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "cold.sh: --runs needs a whole number of at least 1, got '$runs'" >&2; exit 2; }

echo "cold: building (no tests)..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl bench -am package)

expected='check=7.971999041855e+02'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=0.1.0-SNAPSHOT
baseline=("$jdk/bin/java" -cp "$root/bench/target/shard-bench-$version.jar:$root/planner/target/shard-planner-$version.jar"
    dev.shard.bench.SingleThreadColcor)
shard=("$root/bin/shard" example colcor)

# Runs one command, checks its answer, appends its wall time in ms to $work/<name>.ms.
timed() {
    local name=$1 start end
    shift
    start=$(date +%s%N)
    if ! "$@" >"$work/out" 2>"$work/err"; then
        echo "cold: '$*' failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1
    fi
    end=$(date +%s%N)
    grep -qx "$expected" "$work/out" || { echo "cold: '$*' printed no $expected:" >&2; cat "$work/out" >&2; exit 1; }
    echo "$(( (end - start) / 1000 ))" | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$work/$name.ms"
}

# median min max spread of the numbers on stdin
stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f %.1f %.0f%%\n", m, v[1], v[NR], (m > 0) ? 100 * (v[NR] - v[1]) / m : 0 }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "cold: warm-up (makes the caches)..." >&2
timed warmup "${shard[@]}"
timed warmup "${baseline[@]}"
# The warm-up recorded the workers' cache; its assembly runs after the command, for seconds.
shard_await_aot_assembly
build_stamp=$(shard_build_stamp "$root")
for ((round = 1; round <= runs; round++)); do
    echo "cold: round $round of $runs" >&2
    if ((round % 2)); then
        timed shard "${shard[@]}"; timed baseline "${baseline[@]}"
    else
        timed baseline "${baseline[@]}"; timed shard "${shard[@]}"
    fi
done
if ((breakdown)); then
    for ((round = 1; round <= runs; round++)); do
        echo "cold: breakdown run $round of $runs" >&2
        timed timings "$root/bin/shard" --timings example colcor
        # Phase rows carry two numbers (took, at); details and the total one.
        awk '/^timings:/ { on = 1; next } on && /^  / {
                detail = /^    /; n = (detail || $1 == "total") ? NF - 1 : NF - 2
                name = $1; for (i = 2; i <= n; i++) name = name " " $i
                print (detail ? "of which, " : "") name "\t" $(n + 1) }' "$work/err" >>"$work/phases"
    done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

read -r shard_median shard_min shard_max shard_spread < <(stats <"$work/shard.ms")
read -r base_median base_min base_max base_spread < <(stats <"$work/baseline.ms")
shard_check_build_stamp "$root" "$build_stamp" cold
mkdir -p "$root/bench/results"
out=${results:-"$root/bench/results/$(date -u +%F)-cold.md"}
{
    echo "## $(date -u '+%F %H:%M') UTC${label:+ — $label}"
    echo
    echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)),"\
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r);"\
        "$("$jdk/bin/java" -version 2>&1 | head -n 1); commit $(cd "$root" && git rev-parse --short HEAD)$(cd "$root" \
        && git diff --quiet HEAD -- . 2>/dev/null || echo ' (with local changes)')."
    echo "Load average before $load_before, after $load_after. Warm disk cache, caches made by one warm-up run"\
        "of each command; SHARD_AOT=${SHARD_AOT:-on}. $runs alternating rounds, wall time of"\
        "the whole command (\`date +%s%N\` around it)."
    echo
    echo "| command | median ms | min | max | spread (max-min)/median | runs |"
    echo "|---|---|---|---|---|---|"
    echo "| \`bin/shard example colcor\` | $shard_median | $shard_min | $shard_max | $shard_spread | $runs |"
    echo "| \`java -cp bench.jar:planner.jar dev.shard.bench.SingleThreadColcor\` | $base_median | $base_min | $base_max | $base_spread | $runs |"
    echo
    echo "Ratio of medians, shard / single-threaded Java: **$(awk -v a="$shard_median" -v b="$base_median" \
        'BEGIN { printf "%.2f", a / b }')**"
    if ((breakdown)); then
        echo
        echo "\`bin/shard --timings example colcor\`, $runs runs (seconds; \"of which\" rows are the run report's"
        echo "figures within the compute phase, not added to the total):"
        echo
        echo "| phase | median | min | max |"
        echo "|---|---|---|---|"
        cut -f1 "$work/phases" | awk '!seen[$0]++' | while IFS= read -r name; do
            read -r median min max _ < <(awk -F'\t' -v n="$name" '$1 == n { print $2 * 1000 }' "$work/phases" | stats)
            printf '| %s | %.3f | %.3f | %.3f |\n' "$name" \
                "$(awk -v v="$median" 'BEGIN { print v / 1000 }')" "$(awk -v v="$min" 'BEGIN { print v / 1000 }')" \
                "$(awk -v v="$max" 'BEGIN { print v / 1000 }')"
        done
    fi
    echo
} | tee -a "$out"
echo "cold: appended to ${out#"$root"/}" >&2
