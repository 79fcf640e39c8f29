#!/usr/bin/env bash
# A fresh pool's first run seen from its workers (the run trace, -Dshard.worker.trace), for
# several variants in alternation: per command and worker, when the run's set-up arrived after
# the worker's welcome, how long decoding it took (set-up), the first shard (start to end) and
# the worker's whole first run (set-up arrived to its last part sent), in ms. A variant is
# "label|shard launcher|cache directory"; its first command records its caches and is not shown.
#   bench/first-run-trace-ab.sh [--rounds n] "label|launcher|cache dir" ... -- example args...
set -euo pipefail

rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        *) break ;;
    esac
done
variants=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do variants+=("$1"); shift; done
[ $# -gt 0 ] && shift
[ "${#variants[@]}" -ge 1 ] && [ $# -ge 1 ] \
    || { echo "first-run-trace-ab.sh: give variants \"label|launcher|cache dir\", then -- and the example's arguments" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints one row per worker of run 1 in the trace file $1.
summarize() {
    python3 - "$1" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    head, _, rest = line.partition(':')
    if not head.endswith(' run 1'):
        continue
    steps = [re.match(r'(\S+?)(?:\[(-?\d+)\])?@(\d+)$', token).groups() for token in rest.split()]
    first = {}
    last = {}
    for name, _, nanos in steps:
        first.setdefault(name, int(nanos))
        last[name] = int(nanos)
    ms = lambda a, b: (b - a) / 1e6
    # The trace keeps its first 4,096 steps: a longer run's last part is not in it.
    print('%s %.1f %.1f %.1f %.1f' % (head.split()[1], ms(first['got-Welcome'], first['got-RunSetup']),
          ms(first['set-up-begin'], first['set-up']), ms(first['start'], first['end']),
          ms(first['got-RunSetup'], last['sent'])))
PY
}

once() {
    local launcher=$1 dir=$2
    shift 2
    rm -f "$work/trace"
    SHARD_AOT_DIR="$dir" SHARD_JAVA_OPTS="-Dshard.worker.trace=$work/trace" "$launcher" example "$@" \
        >"$work/out" 2>"$work/err" || { echo "first-run-trace-ab: $launcher failed:" >&2; cat "$work/err" >&2; exit 1; }
}

for variant in "${variants[@]}"; do
    IFS='|' read -r label launcher dir <<<"$variant"
    mkdir -p "$dir"
    once "$launcher" "$dir" "$@"
done
echo "first-run-trace-ab: example $*; $(nproc) CPUs; $rounds rounds"
echo "| round | variant | load | worker | set-up arrived after welcome | set-up (decode) | first shard | run 1 in the worker |"
echo "|---|---|---|---|---|---|---|---|"
for ((round = 1; round <= rounds; round++)); do
    for variant in "${variants[@]}"; do
        IFS='|' read -r label launcher dir <<<"$variant"
        load=$(cut -d' ' -f1 /proc/loadavg)
        once "$launcher" "$dir" "$@"
        summarize "$work/trace" | while read -r worker arrived setup shard run; do
            echo "| $round | $label | $load | $worker | $arrived | $setup | $shard | $run |"
        done
    done
done
