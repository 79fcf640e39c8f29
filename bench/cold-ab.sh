#!/usr/bin/env bash
# Before/after of the cold command (issue 8) on a busy machine: two checkouts, each built,
# run alternately (the order flips every round) so that both see the same load. Each round
# runs `bin/shard --timings example colcor` in each tree and records the wall time of the
# whole command, its CPU time (user + system, the workers included), and the phases
# "command line" and "pool start (spawn to connected)" of its --timings table, then the
# median of every phase of the --timings table in each tree.
# Every run must print check=7.971999041855e+02. Each tree keeps its caches in a directory
# of its own (SHARD_AOT_DIR), made by one warm-up run.
#   bench/cold-ab.sh <before tree> <after tree> [rounds]
# BEFORE_JAVA_OPTS / AFTER_JAVA_OPTS, when set, are each side's SHARD_JAVA_OPTS (driver JVM
# options), so one tree can be compared with itself under other flags.
# Prints a table; the load average is recorded before every round.
set -euo pipefail

before=${1:?usage: bench/cold-ab.sh <before tree> <after tree> [rounds]}
after=${2:?usage: bench/cold-ab.sh <before tree> <after tree> [rounds]}
rounds=${3:-10}
expected='check=7.971999041855e+02'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One command in one tree: appends "wall cpu command-line pool-start" (seconds) to $work/<label>.
measure() {
    local label=$1 tree=$2
    local options=${SHARD_JAVA_OPTS:-}
    [ "$label" = before ] && options=${BEFORE_JAVA_OPTS:-$options}
    [ "$label" = after ] && options=${AFTER_JAVA_OPTS:-$options}
    SHARD_AOT_DIR="$work/aot-$label" SHARD_JAVA_OPTS="$options" /usr/bin/time -f '%e %U %S' -o "$work/time" \
        "$tree/bin/shard" --timings example colcor >"$work/out" 2>"$work/err" \
        || { echo "cold-ab: $label failed:" >&2; cat "$work/err" >&2; exit 1; }
    grep -qx "$expected" "$work/out" || { echo "cold-ab: $label printed no $expected" >&2; exit 1; }
    local wall user system parse pool
    read -r wall user system <"$work/time"
    parse=$(awk '/^  command line:/ { print $(NF - 1); exit }' "$work/err")
    pool=$(awk '/run report: pool start/ && $NF + 0 > 0 { print $NF; exit }' "$work/err")
    echo "$wall $(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }') $parse ${pool:-0}" >>"$work/$label"
    # Every phase (name<TAB>seconds; the run report's figures under their phase, prefixed).
    awk '/^timings:/ { on = 1; next } on && /^  / {
            detail = /^    /; n = (detail || $1 == "total") ? NF - 1 : NF - 2
            name = $1; for (i = 2; i <= n; i++) name = name " " $i
            if (!detail) parent = name
            print (detail ? "of which (" parent "), " : "") name "\t" $(n + 1) }' "$work/err" >>"$work/$label.phases"
}

echo "cold-ab: warm-up (builds if needed, makes the caches)..." >&2
measure before "$before"
measure after "$after"
rm -f "$work/before" "$work/after" "$work/before.phases" "$work/after.phases"
loads=()
for ((round = 1; round <= rounds; round++)); do
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    if ((round % 2)); then measure before "$before"; measure after "$after"
    else measure after "$after"; measure before "$before"; fi
    echo "cold-ab: round $round of $rounds (load ${loads[-1]})" >&2
done

# median of column $1 of file $2, in ms
median() {
    awk -v c="$1" '{ print $c * 1000 }' "$2" | sort -g | awk '{ v[NR] = $1 } END {
        printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "Load average (1 min) before each round: ${loads[*]}"
echo
echo "| \`bin/shard --timings example colcor\`, median of $rounds, ms | before | after |"
echo "|---|---|---|"
echo "| wall time of the whole command | $(median 1 "$work/before") | $(median 1 "$work/after") |"
echo "| CPU time (user + system, workers included) | $(median 2 "$work/before") | $(median 2 "$work/after") |"
echo "| command line: options, finding the command | $(median 3 "$work/before") | $(median 3 "$work/after") |"
echo "| run report: pool start (spawn to connected) | $(median 4 "$work/before") | $(median 4 "$work/after") |"
echo
echo "| \`--timings\` phase, median of $rounds, ms | before | after |"
echo "|---|---|---|"
# Phases in the order the after tree printed them; a phase one tree lacks shows as -.
phase_median() {
    awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$2" | sort -g | awk '{ v[NR] = $1 * 1000 } END {
        if (NR == 0) { print "-"; exit }
        printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
cut -f1 "$work/after.phases" "$work/before.phases" | awk '!seen[$0]++' | while IFS= read -r name; do
    echo "| $name | $(phase_median "$name" "$work/before.phases") | $(phase_median "$name" "$work/after.phases") |"
done
