#!/usr/bin/env bash
# Before/after of W2's stage kernel CPU time per row, in process (StageProfile w2,w2-arrow: the
# kernel on one thread, over generated rows and over the Arrow file, alternating in one JVM),
# from each given benchmarks jar in turn, round after round, with the load average before each.
# Prints, per JVM and workload, the median CPU ns/row of its rounds from the fourth on (the first
# ones are still being compiled) and the partials' CRC, which must be the same for every jar.
#   bench/w2-profile-ab.sh <rounds> <rows> <label>=<jar> <label>=<jar> ...
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
rounds=$1
rows=$2
shift 2
entries=("$@")
for ((round = 1; round <= rounds; round++)); do
    # Every other round runs the jars in reverse order, so neither always runs first after the other.
    order=("${entries[@]}")
    if ((round % 2 == 0)); then
        order=()
        for ((i = ${#entries[@]} - 1; i >= 0; i--)); do order+=("${entries[i]}"); done
    fi
    for entry in "${order[@]}"; do
        label=${entry%%=*}
        jar=${entry#*=}
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$jar" dev.shard.bench.StageProfile w2,w2-arrow 10 "$rows" \
            2>/dev/null | awk -v round="$round" -v label="$label" -v load="$load" '
                /^round [0-9]+ / && $2 + 0 >= 3 {
                    name = $3; sub(/:$/, "", name)
                    for (i = 1; i <= NF; i++) {
                        if ($i == "ns/row" && $(i + 1) == "CPU,") cpu[name, n[name]++] = $(i - 1)
                        if ($i == "crc") crc[name] = $(i + 1)
                    }
                }
                function median(name, count,   sorted, i, j, t) {
                    for (i = 0; i < count; i++) sorted[i] = cpu[name, i] + 0
                    for (i = 0; i < count; i++) for (j = i + 1; j < count; j++)
                        if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
                    return count % 2 ? sorted[int(count / 2)] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
                }
                END {
                    printf "round %d %s (load %s): w2 %.2f ns/row CPU, w2-arrow %.2f ns/row CPU (medians of %d rounds), crc %s %s\n",
                        round, label, load, median("w2", n["w2"]), median("w2-arrow", n["w2-arrow"]), n["w2"],
                        crc["w2"], crc["w2-arrow"]
                }'
    done
done
