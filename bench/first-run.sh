#!/usr/bin/env bash
# First run on a fresh pool against the warm runs of the same pool (issue 8), and the pool
# start in a fresh driver JVM. Each round is one whole `bin/shard` command (a fresh driver
# and pool): `example colcor --runs k` and `example tiny-tasks --tasks 10000 --runs k`.
# Per command, run 1 is the first run on the fresh pool and runs 2..k are warm; the ratio
# is run 1 / median(runs 2..k). The pool start (spawn to all connected) is the run
# report's, from `--timings`. Every command's check must be right.
#   bench/first-run.sh [--rounds n] [--runs k] [--label text]
# Appends a section to bench/results/<UTC date>-first-run.md and prints it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/aot-assembly.sh
. "$root/bench/lib/aot-assembly.sh"
# shellcheck source=lib/build-stamp.sh
. "$root/bench/lib/build-stamp.sh"
rounds=5
runs=10
label=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --label) label=${2:?--label needs a text}; shift 2 ;;
        *) echo "first-run.sh: unknown argument '$1' (use --rounds n, --runs k, --label text)" >&2; exit 2 ;;
    esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ && "$runs" -ge 2 ]] \
    || { echo "first-run.sh: --rounds needs at least 1 and --runs at least 2" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median min max spread of the numbers on stdin
stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.4g %.4g %.4g %.0f%%\n", m, v[1], v[NR], (m > 0) ? 100 * (v[NR] - v[1]) / m : 0 }'
}

# One command: checks its answer, appends first-run, warm median and pool start to $work/<name>.
measure() {
    local name=$1 key=$2 expected=$3
    shift 3
    if ! "$root/bin/shard" --timings example "$name" --runs "$runs" "$@" >"$work/out" 2>"$work/err"; then
        echo "first-run: '$name' failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1
    fi
    grep -qx "check=$expected" "$work/out" || { echo "first-run: $name printed no check=$expected" >&2; exit 1; }
    local first warm pool
    first=$(grep "^$key=" "$work/out" | head -n 1 | cut -d= -f2)
    warm=$(grep "^$key=" "$work/out" | tail -n +2 | cut -d= -f2 | stats | cut -d' ' -f1)
    pool=$(awk '/run report: pool start/ && $NF + 0 > 0 { print $NF; exit }' "$work/err")
    echo "$first $warm $pool" >>"$work/$name"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "first-run: warm-up (makes the caches)..." >&2
measure colcor compute_s 7.971999041855e+02
measure tiny-tasks tasks_per_s 99990000 --tasks 10000
rm -f "$work/colcor" "$work/tiny-tasks"
# The warm-up recorded the workers' cache; its assembly runs after the command, for seconds.
shard_await_aot_assembly
build_stamp=$(shard_build_stamp "$root")
for ((round = 1; round <= rounds; round++)); do
    echo "first-run: round $round of $rounds" >&2
    measure colcor compute_s 7.971999041855e+02
    measure tiny-tasks tasks_per_s 99990000 --tasks 10000
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

row() {
    local what=$1 column=$2 file=$3 scale=$4
    read -r median min max spread < <(awk -v c="$column" -v s="$scale" '{ print $c * s }' "$file" | stats)
    echo "| $what | $median | $min | $max | $spread | $rounds |"
}
shard_check_build_stamp "$root" "$build_stamp" first-run
mkdir -p "$root/bench/results"
out="$root/bench/results/$(date -u +%F)-first-run.md"
{
    echo "## $(date -u '+%F %H:%M') UTC${label:+ — $label}"
    echo
    echo "Machine: $(nproc) CPUs, Linux $(uname -r); commit $(cd "$root" && git rev-parse --short HEAD)$(cd "$root" \
        && git diff --quiet HEAD -- . 2>/dev/null || echo ' (with local changes)')."
    echo "Load average before $load_before, after $load_after. Caches made by one warm-up command of each;"\
        "$rounds rounds, each a fresh \`bin/shard\` command (driver JVM and pool) running $runs runs."
    echo
    echo "| measurement | median | min | max | spread (max-min)/median | commands |"
    echo "|---|---|---|---|---|---|"
    row "colcor W1: first run on the fresh pool, ms" 1 "$work/colcor" 1000
    row "colcor W1: warm median (runs 2..$runs), ms" 2 "$work/colcor" 1000
    awk '{ print $1 / $2 }' "$work/colcor" >"$work/colcor.ratio"
    row "colcor W1: first / warm median" 1 "$work/colcor.ratio" 1
    row "tiny tasks 10,000: first run, tasks/s" 1 "$work/tiny-tasks" 1
    row "tiny tasks 10,000: warm median (runs 2..$runs), tasks/s" 2 "$work/tiny-tasks" 1
    # Time ratio: a rate's inverse.
    awk '{ print $2 / $1 }' "$work/tiny-tasks" >"$work/tiny.ratio"
    row "tiny tasks 10,000: first time / warm median time" 1 "$work/tiny.ratio" 1
    cat "$work/colcor" "$work/tiny-tasks" | awk '{ print $3 }' >"$work/pool"
    read -r median min max spread < <(awk '{ print $1 * 1000 }' "$work/pool" | stats)
    echo "| pool start, 2 workers, fresh driver JVM (spawn to connected), ms | $median | $min | $max | $spread | $((2 * rounds)) |"
    echo
} | tee -a "$out"
