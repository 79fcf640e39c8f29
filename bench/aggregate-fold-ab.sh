#!/usr/bin/env bash
# Before/after of W2's partial aggregation alone (AggregateFoldProfile: grouping and fold on one
# thread over batches made once, heap arrays and int32/float64 in place), from each given
# benchmarks jar in turn, round after round, with the load average before each. The profile class
# comes from this tree's build, so an older jar runs it too. Prints, per JVM and form, the median
# (and lowest) CPU ns/row of its rounds from the fifth on, and the partials' CRC of its last round.
#   bench/aggregate-fold-ab.sh <rounds> <label>=<jar> <label>=<jar> ...
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
rounds=$1
shift
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
unzip -q -o "$root/bench/target/benchmarks.jar" 'dev/shard/bench/AggregateFoldProfile*.class' -d "$classes"
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
        for form in heap mapped; do
            load=$(cut -d' ' -f1-3 /proc/loadavg)
            out=$("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$classes:$jar" \
                dev.shard.bench.AggregateFoldProfile "$form" 14 2>/dev/null)
            crc=$(tail -1 <<<"$out" | awk '{print $NF}')
            awk '/^round/ && $2 + 0 >= 4 {print $4}' <<<"$out" | sort -n | awk -v round="$round" -v label="$label" \
                -v form="$form" -v load="$load" -v crc="$crc" '
                { v[n++] = $1 }
                END {
                    printf "round %d %s %s (load %s): %.3f ns/row CPU median, %.3f lowest (%d rounds), crc %s\n",
                        round, label, form, load, (v[int((n - 1) / 2)] + v[int(n / 2)]) / 2, v[0], n, crc
                }'
        done
    done
done
