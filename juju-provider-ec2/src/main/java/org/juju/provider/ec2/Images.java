package org.juju.provider.ec2;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.ProviderException;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Picks the image of a machine: {@code default-image-id} when given, else the newest available
 * official image of the series and architecture (Debian's or Canonical's, found with
 * DescribeImages by owner and name).
 */
final class Images {
    /** Official images: owner account and name pattern ({@code %s} is the architecture). */
    record Source(String owner, String namePattern) {
    }

    static final Map<String, Source> SERIES = Map.of(
            "bullseye", new Source("136693071363", "debian-11-%s-*"),
            "bookworm", new Source("136693071363", "debian-12-%s-*"),
            "trixie", new Source("136693071363", "debian-13-%s-*"),
            "focal", new Source("099720109477", "ubuntu/images/hvm-ssd/ubuntu-focal-20.04-%s-server-*"),
            "jammy", new Source("099720109477", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-%s-server-*"),
            "noble", new Source("099720109477", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-%s-server-*"));

    private final AwsClients clients;
    private final Ec2Config config;

    Images(AwsClients clients, Ec2Config config) {
        this.clients = clients;
        this.config = config;
    }

    /**
     * The image id for a machine of {@code series} on {@code arch}.
     *
     * @throws ProviderException if none is known or found
     */
    String imageFor(String series, String arch) {
        if (config.imageId().isPresent()) {
            return config.imageId().get();
        }
        Source source = SERIES.get(series);
        if (source == null) {
            throw new ProviderException("no official image is known for series '" + series + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(SERIES.keySet())) + "): give default-image-id");
        }
        String pattern = String.format(source.namePattern(), arch);
        Optional<Image> newest = AwsCalls.call("ec2", "DescribeImages", () -> clients.ec2().describeImages(r -> r
                .owners(source.owner())
                .filters(f -> f.name("name").values(pattern), f -> f.name("state").values("available")))
                .images()).stream().max(Comparator.comparing(image -> image.creationDate() == null ? "" : image.creationDate()));
        return newest.map(Image::imageId).orElseThrow(() -> new ProviderException("no image named " + pattern
                + " of owner " + source.owner() + " in region " + config.region() + ": give default-image-id"));
    }
}
