package dev.shard.runtime.driver;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * The secret a pool hands its workers (in their environment) and checks in every hello.
 * Read straight from the kernel's {@code /dev/urandom}, which is what {@link SecureRandom}'s
 * default (NativePRNG) reads on Linux too: a fresh driver JVM then skips the security
 * providers' set-up, measured at 35-150 ms on 2 busy cores, which sat on the spawn path of
 * every first pool. Where there is no {@code /dev/urandom}, {@link SecureRandom} makes it.
 */
final class RunToken {
    private static final String KERNEL_RANDOM = "/dev/urandom";

    private RunToken() {
    }

    static byte[] generate(int length) {
        byte[] token = new byte[length];
        try (InputStream random = new FileInputStream(KERNEL_RANDOM)) {
            if (random.readNBytes(token, 0, length) == length) {
                return token;
            }
        } catch (IOException notThere) {
            // Not Linux, or a sandbox without the device: the JDK's generator below.
        }
        new SecureRandom().nextBytes(token);
        return token;
    }
}
