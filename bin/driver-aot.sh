# Sourced by bin/shard: the driver JVM starts from a JDK AOT cache (classes pre-parsed and
# linked, method profiles; JEP 483/514/515), as the workers do (runtime StartupCache).
#   shard_driver_aot <jdk> <classpath> <jvm options...>
#     sets the array shard_aot_options: the options that use the cache, or nothing.
#
# One cache per JDK (path and version), JVM options and classpath (each jar's path, size,
# modification time), named by their hash under ${XDG_CACHE_HOME:-~/.cache}/shard/aot next
# to the workers' caches (SHARD_AOT_DIR moves it, SHARD_AOT=off switches it off). A missing
# cache is recorded by a short training command, to a temporary name renamed into place
# under a lock, so no launcher ever maps a half-written cache. A cache is used only while
# its size, inode and modification time are those it was stored with (anything that wrote
# into it makes it stale: it is recorded again, before this command starts), and each use
# logs the JVM's verdict: a cache the JVM refused is removed by the next launcher and
# recorded again.

shard_aot_options=()

shard_driver_aot() {
    local jdk=$1 classpath=$2
    shift 2
    shard_aot_options=()
    # The same switches move or switch off the workers' caches (runtime StartupCacheLocation).
    case "${SHARD_AOT:-on}" in off | false | 0 | no) shard_aot_options=(-Dshard.aot=false); return 0 ;; esac
    [ -z "${SHARD_AOT_DIR:-}" ] || shard_aot_options=(-Dshard.aot.dir="$SHARD_AOT_DIR")
    case " $* ${SHARD_JAVA_OPTS:-} " in
        # The user runs the driver with an archive of their own.
        *" -XX:AOT"* | *" -XX:SharedArchiveFile"* | *" -XX:ArchiveClassesAtExit"* | *" -Xshare"*) return 0 ;;
    esac
    local dir=${SHARD_AOT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shard/aot}
    [ -d "$dir" ] || mkdir -p "$dir" 2>/dev/null || return 0
    local entries=() entry
    IFS=: read -r -a entries <<<"$classpath"
    for entry in "${entries[@]}"; do
        # AOT caches need jars; a directory on the classpath means no cache.
        [ -z "$entry" ] || { [[ "$entry" == *.jar ]] && [ -f "$entry" ]; } || return 0
    done
    [ "${#entries[@]}" -gt 0 ] || return 0
    local version="" key line
    # The JDK's build (JAVA_RUNTIME_VERSION), read without starting a process.
    [ -r "$jdk/release" ] && while IFS= read -r line; do
        [[ "$line" == JAVA_RUNTIME_VERSION=* ]] && version=$line
    done <"$jdk/release"
    key=$( { printf '%s\n' "$jdk" "$version" "$@" ${SHARD_JAVA_OPTS:-}
        stat -c '%n %s %.9Y' "${entries[@]}"; } | sha256sum) || return 0
    local cache="$dir/driver-${key:0:24}.aot"
    shard_aot_check_uses "$cache"
    if ! shard_aot_intact "$cache"; then
        exec 8>"$cache.lock"
        flock 8
        # Another launcher may have recorded it while this one waited.
        shard_aot_intact "$cache" || shard_aot_record "$jdk" "$classpath" "$cache" "$@"
        flock -u 8
        exec 8>&-
        shard_aot_intact "$cache" || return 0
    fi
    shard_aot_options+=(-XX:AOTCache="$cache" "-Xlog:aot*=off,cds*=off"
        "-Xlog:aot*=warning,cds*=warning,aot=info,cds=info:file=\"$cache.use-$$.log\"")
}

# True when the cache exists and is the file that was stored (size, inode, mtime).
shard_aot_intact() {
    [ -f "$1" ] && [ -f "$1.stamp" ] && [ "$(stat -c '%s %i %.9Y' "$1" 2>/dev/null)" = "$(<"$1.stamp")" ]
}

# Reads the logs of earlier commands that used the cache (their JVMs have ended): a cache the
# JVM did not use is removed, to be recorded again.
shard_aot_check_uses() {
    local cache=$1 log pid text refused=""
    for log in "$cache".use-*.log; do
        [ -f "$log" ] || continue
        pid=${log##*.use-}
        pid=${pid%.log}
        # A running command's JVM may still be writing its verdict.
        kill -0 "$pid" 2>/dev/null && continue
        text=$(<"$log")
        if [ -n "$text" ] && [[ "$text" != *"Using AOT-linked classes: true"* ]]; then
            refused=$(grep -m 1 -e '\[warning' -e '\[error' <<<"$text" | sed 's/^\(\[[^]]*\]\)*[[:space:]]*//' || true)
            refused=${refused:-no reason logged}
        fi
        rm -f "$log" "$log".[0-9]*
    done
    if [ -n "$refused" ]; then
        echo "shard: the JVM refused the driver's start-up cache $cache ($refused); recording it again" >&2
        rm -f "$cache" "$cache.stamp"
    fi
}

# Records the cache with the training example (W1 and tiny tasks on one pool, run until their
# hot methods reach C2: the cache keeps a profile as it stands when the JVM exits), then renames
# it into place. That pool is the build's first, so its workers' cache is recorded by it too;
# that cache is assembled by a process of its own after the pool's close, which the training's
# second pool waits for (-Dshard.aot.await=true), so that it and every later command start from
# it. Called under the cache's lock.
shard_aot_record() {
    local jdk=$1 classpath=$2 cache=$3
    shift 3
    local recording="$cache.recording-$$" log="$cache.training.log"
    echo "shard: recording the driver's start-up cache (once per build and JDK, a few seconds)..." >&2
    rm -f "$cache" "$cache.stamp"
    if "$jdk/bin/java" "$@" "${shard_aot_options[@]}" ${SHARD_JAVA_OPTS:-} -XX:AOTCacheOutput="$recording" \
        -Dshard.aot.await=true "-Xlog:aot*=off,cds*=off" -cp "$classpath" dev.shard.dsl.cli.ShardCommand \
        example startup-training >"$log" 2>&1 && [ -s "$recording" ]; then
        mv -f "$recording" "$cache"
        stat -c '%s %i %.9Y' "$cache" >"$cache.stamp.$$" && mv -f "$cache.stamp.$$" "$cache.stamp"
        rm -f "$log"
        shard_aot_prune "$(dirname "$cache")" "$cache"
    else
        echo "shard: could not record the driver's start-up cache; running without it (output in $log)" >&2
    fi
    rm -f "$recording" "$recording.config" "$cache.stamp.$$"
}

# Every rebuild gets a cache of its own (~30 MB): keep the 4 newest driver caches, drop
# recordings left behind by killed launchers.
shard_aot_prune() {
    local dir=$1 keep=$2 old
    find "$dir" -maxdepth 1 -name 'driver-*.aot.recording-*' -mmin +60 -delete 2>/dev/null || true
    ls -t "$dir"/driver-*.aot 2>/dev/null | tail -n +5 | while IFS= read -r old; do
        [ "$old" = "$keep" ] || rm -f "$old" "$old.stamp" "$old.lock" "$old".use-*.log
    done
}
