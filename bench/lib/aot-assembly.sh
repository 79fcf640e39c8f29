# shellcheck shell=bash
# A pool's recording worker dumps its AOT profile as it exits and a process of its own
# (StartupCacheAssembler) makes the workers' cache afterwards; a pool started meanwhile runs
# without it. Benchmarks that warm up to make the cache call this before measuring: it waits
# (at most 2 minutes) until no assembler of this user runs.
shard_await_aot_assembly() {
    local waited=0
    while pgrep -u "$(id -u)" -f dev.shard.runtime.driver.StartupCacheAssembler >/dev/null && [ "$waited" -lt 1200 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
}
