package org.juju.client.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The size of this process's private futex hash, which Linux 6.17 and later give every process:
 * the kernel finds the threads waiting on a futex by walking one bucket of it. Unless told
 * otherwise it sizes the hash by the smaller of the process's threads and the machine's CPUs, so a
 * 2-core machine gets 16 buckets however many threads the process has. A JVM running thousands
 * of simulated agents parks tens of thousands of threads, each on a futex of its own, and every
 * wake-up then walks a bucket of a thousand or more of them: at 5,000 simulated units, two thirds of
 * the CPU went to {@code futex_wake}. The benchmark asks for a hash sized for its threads with
 * {@code prctl(PR_FUTEX_HASH, PR_FUTEX_HASH_SET_SLOTS, slots, 0)}. A real agent runs in a JVM of its
 * own with a few dozen threads and needs none of this.
 *
 * <p>The call goes through the JDK's incubating foreign linker, looked up reflectively so that
 * nothing else needs the incubator module: the JVM must run with
 * {@code --add-modules jdk.incubator.foreign} (as {@code bin/juju-bench} does), else
 * {@link #request} does nothing and says so by an empty result.
 */
final class FutexHash {
    private static final int PR_FUTEX_HASH = 78;
    private static final long PR_FUTEX_HASH_SET_SLOTS = 1;
    private static final long PR_FUTEX_HASH_GET_SLOTS = 2;
    private static final String FOREIGN = "jdk.incubator.foreign.";

    private FutexHash() {
    }

    /**
     * Asks for a private futex hash of {@code slots} buckets (a power of two) and returns how many
     * this process has afterwards; empty when the kernel has no private hash (before 6.17), or this
     * JVM cannot call it (no foreign linker), or the kernel refused the size.
     */
    static OptionalInt request(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("futex hash slots must be a power of two: " + slots);
        }
        Optional<MethodHandle> prctl = prctl();
        if (prctl.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int set = (int) prctl.get().invokeWithArguments(PR_FUTEX_HASH, PR_FUTEX_HASH_SET_SLOTS, (long) slots, 0L);
            int now = (int) prctl.get().invokeWithArguments(PR_FUTEX_HASH, PR_FUTEX_HASH_GET_SLOTS, 0L, 0L);
            return set == 0 && now > 0 ? OptionalInt.of(now) : OptionalInt.empty();
        } catch (Throwable e) {
            return OptionalInt.empty();
        }
    }

    /** {@code int prctl(int, unsigned long, unsigned long, unsigned long)} of the C library, if this JVM can link it. */
    private static Optional<MethodHandle> prctl() {
        try {
            Class<?> linkerClass = Class.forName(FOREIGN + "CLinker");
            Class<?> layoutClass = Class.forName(FOREIGN + "MemoryLayout");
            Object systemLookup = linkerClass.getMethod("systemLookup").invoke(null);
            Optional<?> symbol = (Optional<?>) Class.forName(FOREIGN + "SymbolLookup").getMethod("lookup", String.class)
                    .invoke(systemLookup, "prctl");
            if (symbol.isEmpty()) {
                return Optional.empty();
            }
            Object cInt = linkerClass.getField("C_INT").get(null);
            Object cLong = linkerClass.getField("C_LONG").get(null);
            Object arguments = Array.newInstance(layoutClass, 4);
            Array.set(arguments, 0, cInt);
            Array.set(arguments, 1, cLong);
            Array.set(arguments, 2, cLong);
            Array.set(arguments, 3, cLong);
            Class<?> descriptorClass = Class.forName(FOREIGN + "FunctionDescriptor");
            Object descriptor = descriptorClass.getMethod("of", layoutClass, arguments.getClass()).invoke(null, cInt, arguments);
            Object linker = linkerClass.getMethod("getInstance").invoke(null);
            Object handle = linkerClass.getMethod("downcallHandle", Class.forName(FOREIGN + "Addressable"), MethodType.class,
                            descriptorClass)
                    .invoke(linker, symbol.get(), MethodType.methodType(int.class, int.class, long.class, long.class, long.class),
                            descriptor);
            return Optional.of((MethodHandle) handle);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty(); // no incubator module in this JVM, or another JDK's API
        }
    }
}
