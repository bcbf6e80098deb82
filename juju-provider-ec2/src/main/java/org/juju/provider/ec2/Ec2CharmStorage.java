package org.juju.provider.ec2;

import java.nio.file.Path;
import org.juju.provider.CharmStorage;

/**
 * Charm bundles under {@code charms/} in the control bucket. The URL a machine fetches a bundle
 * from is pre-signed for the longest time S3 allows (7 days): machines need no credentials, and
 * the machine agent checks the bundle's sha256 recorded in the tree.
 */
final class Ec2CharmStorage implements CharmStorage {
    static final String PREFIX = "charms/";
    private final ControlBucket bucket;

    Ec2CharmStorage(ControlBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public String put(String key, Path bundle) {
        bucket.putFile(PREFIX + key, bundle);
        return bucket.presignedGet(PREFIX + key, ControlBucket.LONGEST_URL_VALIDITY);
    }

    @Override
    public void get(String key, Path target) {
        bucket.getFile(PREFIX + key, target);
    }
}
