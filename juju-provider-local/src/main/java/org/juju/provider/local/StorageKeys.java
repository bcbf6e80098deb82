package org.juju.provider.local;

/**
 * The keys of a local environment's charm storage, which are the names of the files in its
 * directory. The storage itself ({@link LocalCharmStorage}) and the daemon serving it
 * ({@link StorageServer}) accept exactly the same keys, so nothing served can lie outside the
 * directory or be a temporary file.
 */
final class StorageKeys {
    private StorageKeys() {
    }

    /**
     * True if {@code key} is a plain file name: not null or empty, no {@code /} or {@code \}, no
     * leading dot (which also rules out {@code .} and {@code ..}, and is reserved for temporary
     * files) and no control characters.
     */
    static boolean isValid(String key) {
        return key != null && !key.isEmpty() && key.indexOf('/') < 0 && key.indexOf('\\') < 0
                && !key.startsWith(".") && key.chars().noneMatch(Character::isISOControl);
    }

    /** {@code key} fit for a one-line message: control characters shown as {@code ?}. */
    static String shown(String key) {
        return key == null ? "null" : key.replaceAll("\\p{Cntrl}", "?");
    }
}
