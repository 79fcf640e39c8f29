#!/usr/bin/env bash
# Recording the workers' AOT cache, two builds alternated (issue 8): each round, each jar runs
# one command with an empty cache directory, so that its pool records the workers' cache; the
# table gives the command's wall and CPU time (user + system, its workers and whatever it
# waited for included), how long after the command's end the cache was there (0: it was there
# when the command ended), the cache's size and any temporary file left in the directory.
#   bench/first-run-recording.sh [--rounds n] [--train] before.jar after.jar [example arguments...]
# The jars are bench/target/benchmarks.jar of two builds (everything on one classpath); the
# default command is `example colcor --rows 2000 --cols 50`. --train has the recording worker
# also run the task-path training before it exits (-Dshard.aot.train=true): a larger profile.
set -euo pipefail

rounds=4
train=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --train) train=-Dshard.aot.train=true; shift ;;
        *) break ;;
    esac
done
[ $# -ge 2 ] || { echo "first-run-recording.sh: give two jars (before, after)" >&2; exit 2; }
before=$1 after=$2
shift 2
[ $# -gt 0 ] || set -- example colcor --rows 2000 --cols 50
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# How long to wait for a cache that is assembled after the command's end.
patience_s=90

one() {
    local label=$1 jar=$2 round=$3 dir="$work/aot-$1-$3" start end ready waited=0
    shift 3
    mkdir -p "$dir"
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s%N)
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED \
        --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Dshard.aot.dir="$dir" $train \
        -cp "$jar" dev.shard.dsl.cli.ShardCommand "$@" >"$work/out" 2>"$work/err" \
        || { echo "first-run-recording: $label failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1; }
    end=$(date +%s%N)
    while ! compgen -G "$dir/workers-*.aot" >/dev/null && [ "$waited" -lt $((patience_s * 20)) ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    if compgen -G "$dir/workers-*.aot" >/dev/null; then
        ready=$(awk -v e="$end" -v n="$(date +%s%N)" -v w="$waited" 'BEGIN { printf "%.2f", w ? (n - e) / 1e9 : 0 }')
    else
        ready="none after ${patience_s} s"
    fi
    # Whatever is still assembling ends before the next command starts.
    while pgrep -f "StartupCacheAssembler $dir" >/dev/null; do sleep 0.1; done
    local size left
    size=$(stat -c %s "$dir"/workers-*.aot 2>/dev/null | head -n 1 || true)
    left=$(ls -s "$dir" | grep -e recording -e assembling | tr '\n' ' ' || true)
    read -r wall user system <"$work/time"
    echo "| $round | $label | $load | $wall | $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') |" \
        "$ready | ${size:-none} | ${left:-none} |"
    rm -rf "$dir"
}

echo "first-run-recording: $(nproc) CPUs, $rounds rounds, command: $* ${train}"
echo "| round | variant | load | command wall s | command CPU s | cache there after command end, s | cache bytes | temporary files left |"
echo "|---|---|---|---|---|---|---|---|"
for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
        one before "$before" "$round" "$@"
        one after "$after" "$round" "$@"
    else
        one after "$after" "$round" "$@"
        one before "$before" "$round" "$@"
    fi
done
