#!/usr/bin/env bash
# Classes each fresh worker makes outside its AOT cache during its first run (see
# bench/first-run-classes.py), for one `bin/shard example ...` command. The first command
# with these logging options records caches of its own (the driver's cache key includes
# JAVA_TOOL_OPTIONS) and is not counted; the second is.
#   bench/first-run-classes.sh [--launcher path/to/bin/shard] [--aot-dir dir] example-name [args...]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher="$root/bin/shard"
aot_dir=${SHARD_AOT_DIR:-}
while [ $# -gt 0 ]; do
    case "$1" in
        --launcher) launcher=${2:?--launcher needs a path}; shift 2 ;;
        --aot-dir) aot_dir=${2:?--aot-dir needs a directory}; shift 2 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "first-run-classes.sh: name an example (tiny-tasks --tasks 10000, colcor)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$aot_dir" ] && export SHARD_AOT_DIR="$aot_dir"
export JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/logs/%p.log:timenanos"
run() {
    rm -rf "$work/logs" && mkdir "$work/logs"
    SHARD_JAVA_OPTS="${SHARD_JAVA_OPTS:-} -Dshard.worker.trace=$work/logs/trace" "$launcher" example "$@" \
        >"$work/out" 2>"$work/err" || { echo "first-run-classes: the command failed:" >&2; cat "$work/err" >&2; exit 1; }
}
run "$@"
run "$@"
echo "first-run-classes: $launcher example $*; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$root/bench/first-run-classes.py" "$work/logs"
