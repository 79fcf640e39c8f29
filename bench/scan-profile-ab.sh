#!/usr/bin/env bash
# Before/after of the scan stage's CPU time per row, in process (StageProfile scan: the stage
# kernel on one thread over the mapped file, then the query's filter with only a count), from
# each given benchmarks jar in turn, round after round, with the load average before each.
# ScanProfile comes from this tree's build, so an older jar runs it too. Prints, per JVM, the
# median CPU ns/row of its rounds from the fourth on (the first ones are still being compiled).
#   bench/scan-profile-ab.sh <rounds> <rows> <label>=<jar> <label>=<jar> ...
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
rounds=$1
rows=$2
shift 2
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
unzip -q -o "$root/bench/target/benchmarks.jar" 'dev/shard/bench/ScanProfile.class' -d "$classes"
for ((round = 1; round <= rounds; round++)); do
    for entry in "$@"; do
        label=${entry%%=*}
        jar=${entry#*=}
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$classes:$jar" dev.shard.bench.StageProfile scan 10 "$rows" \
            2>/dev/null | awk -v round="$round" -v label="$label" -v load="$load" '
                /^round [0-9]+:/ && $2 + 0 >= 3 {
                    for (i = 1; i <= NF; i++) {
                        if ($i == "ns/row" && $(i + 1) == "CPU;") kernel[n] = $(i - 1)
                        if ($i == "count") filter[n] = $(i + 1)
                    }
                    n++
                }
                function median(a, count,   sorted, i, j, t) {
                    for (i = 0; i < count; i++) sorted[i] = a[i] + 0
                    for (i = 0; i < count; i++) for (j = i + 1; j < count; j++)
                        if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
                    return count % 2 ? sorted[int(count / 2)] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
                }
                END {
                    printf "round %d %s (load %s): kernel %.2f ns/row CPU, filter + count %.2f ns/row CPU (medians of %d rounds)\n",
                        round, label, load, median(kernel, n), median(filter, n), n
                }'
    done
done
