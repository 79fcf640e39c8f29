#!/usr/bin/env bash
# Shared-vs-heap sequential sum in alternating rounds: on a busy machine, load drifts
# over minutes, so each round runs both loops back to back (order flipped every round)
# and the ratio is taken per round, then the median over rounds.
#   bench/shared-sum-rounds.sh [rounds=5]   (build first: ./mvnw -q -B package -pl bench -am -DskipTests)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
jdk=$(shard_find_jdk) || exit 1
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -q -B package -pl bench -am -DskipTests first" >&2; exit 1; }
rounds=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then order="heapSum sharedSum"; else order="sharedSum heapSum"; fi
    for benchmark in $order; do
        "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
            --enable-native-access=ALL-UNNAMED -jar "$jar" "SharedSumBenchmark\.$benchmark\$" \
            -f 1 -wi 2 -w 1s -i 5 -r 1s -rf csv -rff "$work/$round-$benchmark.csv" >/dev/null
    done
    # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: mebibytes"
    cat "$work/$round-"*.csv | awk -F, -v round="$round" '
        /SharedSumBenchmark/ { gsub(/"/, ""); split($1, name, "."); score[$8 " " name[length(name)]] = $5; sizes[$8] = 1 }
        END { for (size in sizes) printf "round %d  %4s MiB  heap %8.3f ms  shared %8.3f ms  shared/heap throughput %.2f\n",
              round, size, score[size " heapSum"], score[size " sharedSum"], score[size " heapSum"] / score[size " sharedSum"] }'
done | tee "$work/rounds.txt"
echo "median shared/heap throughput ratio:"
awk '{ ratio[$3] = ratio[$3] " " $NF } END { for (size in ratio) print size, ratio[size] }' "$work/rounds.txt" |
    while read -r size values; do
        median=$(printf '%s\n' $values | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
        echo "  $size MiB: $median  (rounds: $values)"
    done
