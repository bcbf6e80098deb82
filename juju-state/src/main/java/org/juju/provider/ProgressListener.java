package org.juju.provider;

/** Receives one-line progress messages from long provider operations (bootstrap, destroy). */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that drops everything. */
    ProgressListener NONE = message -> { };

    void progress(String message);
}
