#!/usr/bin/env bash
# First run on a fresh pool against the warm runs of the same pool (issue 8), for several
# variants measured in alternation, so that other people's load falls on all of them alike.
# A variant is "label|shard launcher|cache directory|extra JVM options for the driver"; each
# gets its own cache directory (recorded by its first command, the warm-up, not measured).
# Per command: colcor's and tiny-tasks' run 1 over the median of runs 2..k; the load average
# is printed with every command.
#   bench/first-run-ab.sh [--rounds n] [--runs k] "label|launcher|cache dir|opts" ...
set -euo pipefail

rounds=4
runs=6
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "first-run-ab.sh: give at least one variant \"label|launcher|cache dir|opts\"" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One command of one variant: prints "first warm ratio" (ms for colcor, tasks/s for tiny).
command_once() {
    local launcher=$1 dir=$2 opts=$3 name=$4 key=$5
    shift 5
    SHARD_AOT_DIR="$dir" SHARD_JAVA_OPTS="$opts" "$launcher" example "$name" --runs "$runs" "$@" >"$work/out" 2>"$work/err" \
        || { echo "first-run-ab: $launcher example $name failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1; }
    local first warm
    first=$(grep "^$key=" "$work/out" | head -n 1 | cut -d= -f2)
    warm=$(grep "^$key=" "$work/out" | tail -n +2 | cut -d= -f2 | median)
    if [ "$key" = compute_s ]; then
        awk -v f="$first" -v w="$warm" 'BEGIN { printf "%.0f %.0f %.2f\n", f * 1000, w * 1000, f / w }'
    else
        awk -v f="$first" -v w="$warm" 'BEGIN { printf "%.0f %.0f %.2f\n", f, w, w / f }'
    fi
}

echo "first-run-ab: $(nproc) CPUs, commit $(git -C "$(dirname "$0")" rev-parse --short HEAD), $rounds rounds of $runs runs"
for variant in "$@"; do
    IFS='|' read -r label launcher dir opts <<<"$variant"
    mkdir -p "$dir"
    echo "warm-up $label: $(command_once "$launcher" "$dir" "$opts" colcor compute_s) /" \
        "$(command_once "$launcher" "$dir" "$opts" tiny-tasks tasks_per_s --tasks 10000)" >&2
done
echo "| round | variant | load | colcor first ms | warm ms | first/warm | tiny first tasks/s | warm tasks/s | first/warm (time) |"
echo "|---|---|---|---|---|---|---|---|---|"
for ((round = 1; round <= rounds; round++)); do
    for variant in "$@"; do
        IFS='|' read -r label launcher dir opts <<<"$variant"
        load=$(cut -d' ' -f1 /proc/loadavg)
        read -r cf cw cr < <(command_once "$launcher" "$dir" "$opts" colcor compute_s)
        read -r tf tw tr < <(command_once "$launcher" "$dir" "$opts" tiny-tasks tasks_per_s --tasks 10000)
        echo "| $round | $label | $load | $cf | $cw | $cr | $tf | $tw | $tr |"
    done
done
