package dev.shard.runtime.driver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which process holds the other end of an accepted unix socket, checked against the pid a
 * hello claims, without the descriptor the JDK keeps hidden (its {@code SO_PEERCRED} option
 * gives the user and group, not the pid): a worker binds its own end to a name of its own in
 * the 0700 pool directory before it connects, the accepted channel's remote address is that
 * name, {@code /proc/net/unix} gives the inode of the one socket bound to it, and the claimed
 * process must hold that socket among its descriptors ({@code /proc/<pid>/fd}). A process
 * cannot hold another's socket unless that one hands it over, so this proves what the kernel's
 * peer credentials prove. It reads a few kB of /proc: 0.3-1.6 ms measured (7-15 ms the first
 * time, which {@link DriverServer} pays before its first accept).
 */
final class PeerProcess {
    private static final Path UNIX_SOCKETS = Path.of("/proc/net/unix");
    /** Columns of /proc/net/unix: Num RefCount Protocol Flags Type St Inode Path. */
    private static final int INODE_COLUMN = 6;
    private static final int PATH_COLUMN = 7;

    private PeerProcess() {
    }

    /** Null when {@code pid} holds the socket bound to {@code peerName}, else the reason it does not. */
    static String check(String peerName, long pid) {
        if (peerName == null || peerName.isEmpty()) {
            return "the peer's socket has no name (a worker binds its socket in the pool directory before it"
                    + " connects, so the driver can match it to the worker's pid)";
        }
        List<String> inodes;
        try {
            inodes = inodesBoundTo(peerName);
        } catch (IOException e) {
            return "cannot read " + UNIX_SOCKETS + " to check the peer: " + e.getMessage();
        }
        if (inodes.size() != 1) {
            return inodes.size() + " sockets are bound to the peer's name " + peerName + " (expected exactly one)";
        }
        String link = "socket:[" + inodes.getFirst() + "]";
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : descriptors) {
                if (link.equals(readLink(descriptor))) {
                    return null;
                }
            }
        } catch (IOException e) {
            return "cannot list the descriptors of pid " + pid + " (" + e.getMessage() + ")";
        }
        return "pid " + pid + " does not hold the peer's socket " + peerName;
    }

    private static List<String> inodesBoundTo(String name) throws IOException {
        List<String> inodes = new ArrayList<>();
        for (String line : Files.readAllLines(UNIX_SOCKETS)) {
            if (!line.endsWith(name)) {
                continue;
            }
            String[] columns = line.strip().split("\\s+", PATH_COLUMN + 1);
            if (columns.length > PATH_COLUMN && columns[PATH_COLUMN].equals(name)) {
                inodes.add(columns[INODE_COLUMN]);
            }
        }
        return inodes;
    }

    private static String readLink(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            // Closed while we listed them.
            return "";
        }
    }
}
