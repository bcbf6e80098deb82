package org.juju.provider;

import java.nio.file.Path;

/**
 * The environment's charm storage: where the client uploads charm bundles and where machine
 * agents fetch them. Keys are plain file names chosen by the caller (e.g.
 * {@code local_3a_bookworm_2f_mysql-1-<first 16 hex digits of the sha256>.charm}).
 */
public interface CharmStorage {
    /**
     * Stores {@code bundle} under {@code key}, replacing any object of that key.
     *
     * @return the URL machines fetch the bundle from
     * @throws org.juju.state.error.ProviderException if the storage cannot be written
     */
    String put(String key, Path bundle);

    /**
     * Copies the object of {@code key} to {@code target}.
     *
     * @throws org.juju.state.error.NotFoundException if there is no such object
     */
    void get(String key, Path target);
}
