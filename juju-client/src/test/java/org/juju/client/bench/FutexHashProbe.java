package org.juju.client.bench;

import java.util.OptionalInt;

/** Run in a child JVM by {@link FutexHashTest}: asks for the slots given and prints what it got, or {@code none}. */
public final class FutexHashProbe {
    private FutexHashProbe() {
    }

    public static void main(String[] args) {
        OptionalInt slots = FutexHash.request(Integer.parseInt(args[0]));
        System.out.println(slots.isPresent() ? Integer.toString(slots.getAsInt()) : "none");
    }
}
