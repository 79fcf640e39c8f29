#!/usr/bin/env bash
# Before/after of the scan path: runs ScanRun (the engine benchmark's scan section, then W3
# from the generator and from an Arrow file) from each given benchmarks jar in turn, for
# several rounds, with the load average before each. ScanRun, ScanBenchmark, SequentialRead (the
# sequential read, in a JVM of its own) and ReadSteadiness (whether the read was disturbed) are
# taken from this tree's build, so every jar is measured against the same baseline and a jar
# older than them runs them too.
#   bench/scan-ab.sh <rounds> <label>=<jar> <label>=<jar> ... [-- ScanRun args]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
rounds=$1
shift
jars=()
while [[ $# -gt 0 && $1 != -- ]]; do jars+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
mkdir -p "$classes/dev/shard/bench"
unzip -q -o "$root/bench/target/benchmarks.jar" 'dev/shard/bench/ScanRun.class' 'dev/shard/bench/ScanBenchmark*.class' \
    'dev/shard/bench/SequentialRead*.class' 'dev/shard/bench/ReadSteadiness*.class' 'dev/shard/bench/WorkerCpu*.class' -d "$classes"
for ((round = 1; round <= rounds; round++)); do
    for entry in "${jars[@]}"; do
        label=${entry%%=*}
        jar=${entry#*=}
        echo "## round $round, $label (load average $(cut -d' ' -f1-3 /proc/loadavg))"
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -Xmx4g -cp "$classes:$jar" dev.shard.bench.ScanRun "$@" 2>/dev/null
    done
done
