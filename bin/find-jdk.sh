# Sourced by bin/shard, mvnw and .ci/run: finds a JDK 25 or newer without the user
# setting anything, or explains what to install.
#   shard_find_jdk  -> prints the JDK home on stdout, or a message on stderr and returns 1

shard_jdk_major() {
    # "25.0.3" -> 25 ; "1.8.0_392" -> 8. The JDK's release file says it without starting a
    # JVM (~0.1 s of every command) or any other process; ask the java binary itself only
    # when the file is missing.
    local version="" line
    if [ -r "$1/release" ]; then
        while IFS= read -r line; do
            # POSIX only: mvnw sources this file from /bin/sh.
            case "$line" in
                JAVA_VERSION=*)
                    version=${line#JAVA_VERSION=}
                    version=${version#\"}
                    version=${version%\"}
                    break
                    ;;
            esac
        done <"$1/release"
    fi
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
    fi
    version=${version#1.}
    printf '%s\n' "${version%%[!0-9]*}"
}

shard_find_jdk() {
    local candidate major search
    # SHARD_JDK_SEARCH replaces the default places to look (tests use it).
    search=${SHARD_JDK_SEARCH:-/usr/lib/jvm/* /opt/java/* /opt/jdk* $HOME/.sdkman/candidates/java/*}
    for candidate in "${SHARD_JAVA_HOME:-}" "${JAVA_HOME:-}" $search; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(shard_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    cat >&2 <<'MSG'
shard needs a JDK 25 or newer, and none was found
  (looked at $SHARD_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman).
Install one, for example:
  Debian/Ubuntu:  apt-get install temurin-25-jdk   (Adoptium apt repository)
  or any JDK 25 build, then:  export JAVA_HOME=/path/to/jdk-25
MSG
    return 1
}
