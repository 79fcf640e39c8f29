# shellcheck shell=bash
# bin/shard rebuilds the project when a source under src/main (or a pom) is newer than the
# build, and touches examples/target/shard.classpath when it did. A benchmark of whole
# bin/shard commands takes the stamp after its warm-up and checks it before writing results:
# a rebuild in between (someone edited a source meanwhile) would time a build and mix two
# builds' figures, so the run stops without results instead.
shard_build_stamp() {
    stat -c %Y "$1/examples/target/shard.classpath" 2>/dev/null || echo none
}

shard_check_build_stamp() {
    local root=$1 before=$2 now
    now=$(stat -c %Y "$root/examples/target/shard.classpath" 2>/dev/null || echo none)
    if [ "$now" != "$before" ]; then
        echo "$3: bin/shard rebuilt the project during the benchmark (a source changed); no results written." >&2
        echo "$3: run it again without editing sources while it runs." >&2
        exit 1
    fi
}
