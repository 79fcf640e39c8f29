# Sourced by bin/shard: the driver JVM's JIT options for a command line.
#   shard_driver_jit <the command's arguments...>
#     sets the array shard_jit_options: JIT options for the driver (and, through a property the
#     driver passes on, its workers), or nothing.
#
# The driver of `example colcor` only sets up buffers and waits for its workers: the JIT's first
# tier alone compiles what it runs, and only what runs three times the usual count, so that its
# compilations take less of the two cores the starting workers need (measured, driver CPU of a
# cold command: 370 ms with C2, 270-300 C1 only, 245-250 C1 at thresholds x3;
# bench/results/2026-12-02-cold-coldcmd.md). Other commands' drivers merge, sort and write rows,
# so they keep C2.
# Its workers start without -XX:+AOTCompileEagerly (-Dshard.aot.eager=false): now that the
# training has them generate X, the eager compilations of everything the training compiled,
# at each method's first call, cost more than they save (measured, 8 alternating rounds at load
# 15-17: whole command 2,925 -> 2,220 ms wall, workers' CPU 810 -> 745 ms; generation 1,000 ->
# 698 ms, compute 567 -> 420). Other commands keep the runtime's default.
# SHARD_JAVA_OPTS comes later on the command line and wins. The options are part of the
# driver cache's key: that command gets a cache of its own, recorded the same way.

# SHARD_CORES, if set, stands for the machine's core count (.ci/launcher-test).

shard_jit_options=()

shard_driver_jit() {
    shard_jit_options=()
    local word previous="" workers="" words=()
    for word in "$@"; do
        [ "$previous" = --workers ] && workers=$word
        [[ "$word" == -* ]] || words+=("$word")
        previous=$word
    done
    [ "${words[0]:-}" = example ] && [ "${words[1]:-}" = colcor ] || return 0
    # With fewer workers than cores the driver makes X's first columns while they start
    # (ColcorProgram): that is compute, which keeps C2 and the runtime's defaults.
    if [[ "$workers" =~ ^[0-9]+$ ]] && [ "$workers" -lt "${SHARD_CORES:-$(nproc 2>/dev/null || echo 1)}" ]; then
        return 0
    fi
    shard_jit_options=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3 -Dshard.aot.eager=false)
}
