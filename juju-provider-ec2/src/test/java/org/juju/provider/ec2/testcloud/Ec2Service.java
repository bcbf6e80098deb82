package org.juju.provider.ec2.testcloud;

import static org.juju.provider.ec2.testcloud.QueryParams.filters;
import static org.juju.provider.ec2.testcloud.QueryParams.list;
import static org.juju.provider.ec2.testcloud.QueryParams.members;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.juju.provider.ec2.testcloud.Ec2State.Group;
import org.juju.provider.ec2.testcloud.Ec2State.Instance;
import org.juju.provider.ec2.testcloud.Ec2State.Rule;

/** The EC2 Query protocol endpoint of the test cloud, with its instances, security groups and images. */
final class Ec2Service implements HttpHandler {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String OWNER_ID = "123456789012";
    static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

    private final TestCloud cloud;
    private final InstanceBoot boot;
    private final Executor executor;
    private final Object lock = new Object();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, CloudImage> images = new LinkedHashMap<>();
    private final Map<String, String> clientTokens = new HashMap<>();

    Ec2Service(TestCloud cloud, InstanceBoot boot, Executor executor) {
        this.cloud = cloud;
        this.boot = boot;
        this.executor = executor;
        Group def = new Group(newId("sg-"), "default", "default VPC security group");
        groups.put(def.name, def);
    }

    // ---- snapshots for TestCloud ----

    Optional<CloudInstance> instance(String id) {
        synchronized (lock) {
            return Optional.ofNullable(instances.get(id)).map(Instance::snapshot);
        }
    }

    List<CloudInstance> instances() {
        synchronized (lock) {
            return instances.values().stream().map(Instance::snapshot).toList();
        }
    }

    Optional<CloudSecurityGroup> group(String name) {
        synchronized (lock) {
            return Optional.ofNullable(groups.get(name)).map(Group::snapshot);
        }
    }

    void addImage(CloudImage image) {
        synchronized (lock) {
            images.put(image.id(), image);
        }
    }

    // ---- HTTP ----

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String rawQuery = ex.getRequestURI().getRawQuery();
            Map<String, String> query = QueryParams.parse(rawQuery);
            Map<String, String> params = new LinkedHashMap<>(query);
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || contentType.startsWith("application/x-www-form-urlencoded")) {
                QueryParams.parse(new String(body, StandardCharsets.UTF_8), params);
            }
            String action = params.getOrDefault("Action", "");
            SigV4.Signature sig = SigV4.of(ex.getRequestHeaders(), query);
            List<Runnable> after = new ArrayList<>();
            String requestId = UUID.randomUUID().toString();
            int status = 200;
            String xml;
            try {
                checkSignature(ex, sig, body);
                CloudFault fault = cloud.takeFault(action);
                if (fault != null) {
                    throw fault.ec2();
                }
                xml = dispatch(action, params, requestId, after);
            } catch (RuntimeException e) {
                CloudError error = e instanceof CloudError ce ? ce
                        : new CloudError(500, "InternalError", "test cloud bug: " + e);
                status = error.status();
                xml = new Xml("Response", null).start("Errors").start("Error").el("Code", error.code())
                        .el("Message", error.getMessage()).end().end().el("RequestID", requestId).finish();
            }
            cloud.record(new CloudRequest("ec2", action, params, sig == null ? "" : sig.accessKey(), status));
            byte[] out = xml.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.getResponseBody().close();
            after.forEach(executor::execute);
        } finally {
            ex.close();
        }
    }

    private void checkSignature(HttpExchange ex, SigV4.Signature sig, byte[] body) {
        if (sig == null || !sig.accessKey().equals(cloud.accessKey())) {
            throw new CloudError(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
        }
        if (ex.getRequestMethod().equals("POST")) {
            String payloadHash = ex.getRequestHeaders().getFirst("X-Amz-Content-Sha256");
            if (payloadHash == null) {
                payloadHash = SigV4.hex(SigV4.sha256(body));
            }
            if (!SigV4.verify(sig, cloud.secretKey(), "POST", ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), payloadHash)) {
                throw new CloudError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                        + "the signature you provided. Check your AWS Secret Access Key and signing method.");
            }
        }
    }

    private String dispatch(String action, Map<String, String> p, String requestId, List<Runnable> after) {
        Xml xml = new Xml(action + "Response", NS).el("requestId", requestId);
        synchronized (lock) {
            switch (action) {
                case "RunInstances" -> runInstances(p, xml, after);
                case "DescribeInstances" -> describeInstances(p, xml);
                case "TerminateInstances" -> terminateInstances(p, xml, after);
                case "CreateTags" -> createTags(p, xml);
                case "DeleteTags" -> deleteTags(p, xml);
                case "CreateSecurityGroup" -> createSecurityGroup(p, xml);
                case "DescribeSecurityGroups" -> describeSecurityGroups(p, xml);
                case "DeleteSecurityGroup" -> deleteSecurityGroup(p, xml);
                case "AuthorizeSecurityGroupIngress" -> authorize(p, xml, true);
                case "RevokeSecurityGroupIngress" -> authorize(p, xml, false);
                case "DescribeImages" -> describeImages(p, xml);
                case "DescribeAvailabilityZones" -> describeZones(p, xml);
                case "DescribeRegions" -> describeRegions(xml);
                default -> throw CloudError.ec2("InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            }
        }
        return xml.finish();
    }

    // ---- instances ----

    private void runInstances(Map<String, String> p, Xml xml, List<Runnable> after) {
        String token = p.get("ClientToken");
        if (token != null && clientTokens.containsKey(token)) {
            String reservationId = clientTokens.get(token);
            reservation(xml, reservationId, instances.values().stream()
                    .filter(i -> i.reservationId.equals(reservationId)).toList());
            return;
        }
        String imageId = required(p, "ImageId");
        if (!images.containsKey(imageId)) {
            throw CloudError.ec2("InvalidAMIID.NotFound", "The image id '[" + imageId + "]' does not exist");
        }
        int min = intParam(p, "MinCount", 1);
        int max = intParam(p, "MaxCount", min);
        if (min < 1 || max < min) {
            throw CloudError.ec2("InvalidParameterValue", "MinCount and MaxCount must be at least 1 and MinCount <= MaxCount");
        }
        List<Group> launchGroups = new ArrayList<>();
        for (String name : list(p, "SecurityGroup")) {
            launchGroups.add(groupByName(name));
        }
        for (String id : list(p, "SecurityGroupId")) {
            launchGroups.add(groupById(id));
        }
        if (launchGroups.isEmpty()) {
            launchGroups.add(groups.get("default"));
        }
        String zone = p.getOrDefault("Placement.AvailabilityZone", ZONES.get(0));
        if (!ZONES.contains(zone)) {
            throw CloudError.ec2("InvalidParameterValue", "Invalid availability zone: [" + zone + "]");
        }
        String userData = "";
        if (p.containsKey("UserData")) {
            try {
                userData = new String(Base64.getMimeDecoder().decode(p.get("UserData")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw CloudError.ec2("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : members(p, "TagSpecification")) {
            if ("instance".equals(p.get(spec + ".ResourceType"))) {
                for (String tag : members(p, spec + ".Tag")) {
                    tags.put(p.get(tag + ".Key"), p.getOrDefault(tag + ".Value", ""));
                }
            }
        }
        String reservationId = newId("r-");
        Instant now = cloud.now().truncatedTo(ChronoUnit.SECONDS);
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < max; n++) {
            Instance i = new Instance(newId("i-"), reservationId, imageId, p.getOrDefault("InstanceType", "m1.small"),
                    zone, userData, launchGroups, now, n);
            i.tags.putAll(tags);
            instances.put(i.id, i);
            launched.add(i);
            LaunchedInstance li = new LaunchedInstance(i.id, imageId, i.instanceType, userData, tags);
            i.privateAddress = boot.privateAddress(li);
            after.add(() -> boot(i, li));
        }
        if (token != null) {
            clientTokens.put(token, reservationId);
        }
        reservation(xml, reservationId, launched);
    }

    private void boot(Instance i, LaunchedInstance li) {
        try {
            InstanceAddresses addresses = boot.boot(li);
            synchronized (lock) {
                if (i.state.equals("pending")) {
                    i.state = "running";
                    if (addresses != null) {
                        if (addresses.privateAddress() != null) {
                            i.privateAddress = addresses.privateAddress();
                        }
                        i.publicAddress = addresses.publicAddress();
                    }
                }
            }
        } catch (Exception | Error e) {
            synchronized (lock) {
                if (i.state.equals("pending")) {
                    i.state = "terminated";
                    i.stateReason = "Server.InternalError: boot failed: " + e;
                }
            }
        }
    }

    private void reservation(Xml xml, String reservationId, List<Instance> is) {
        xml.el("reservationId", reservationId).el("ownerId", OWNER_ID).start("groupSet").end();
        xml.start("instancesSet");
        for (Instance i : is) {
            instanceItem(xml, i);
        }
        xml.end();
    }

    private void instanceItem(Xml xml, Instance i) {
        xml.start("item").el("instanceId", i.id).el("imageId", i.imageId);
        xml.start("instanceState").el("code", i.stateCode()).el("name", i.state).end();
        xml.el("privateDnsName", i.privateAddress == null ? "" : "ip-" + i.privateAddress.replace('.', '-') + ".ec2.internal");
        xml.el("dnsName", i.publicAddress == null ? "" : i.publicAddress);
        xml.el("reason", i.stateReason == null ? "" : i.stateReason);
        xml.el("amiLaunchIndex", i.launchIndex).el("instanceType", i.instanceType);
        xml.el("launchTime", i.launchTime.toString());
        xml.start("placement").el("availabilityZone", i.availabilityZone).el("groupName", "").el("tenancy", "default").end();
        xml.start("monitoring").el("state", "disabled").end();
        xml.el("privateIpAddress", i.privateAddress).el("ipAddress", i.publicAddress);
        xml.start("groupSet");
        for (Group g : i.groups) {
            xml.start("item").el("groupId", g.id).el("groupName", g.name).end();
        }
        xml.end();
        if (i.stateReason != null) {
            xml.start("stateReason").el("code", "Server.InternalError").el("message", i.stateReason).end();
        }
        xml.el("architecture", Optional.ofNullable(images.get(i.imageId)).map(CloudImage::architecture).orElse("x86_64"));
        xml.el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda").el("virtualizationType", "hvm");
        tagSet(xml, i.tags);
        xml.end();
    }

    private static void tagSet(Xml xml, Map<String, String> tags) {
        xml.start("tagSet");
        tags.forEach((k, v) -> xml.start("item").el("key", k).el("value", v).end());
        xml.end();
    }

    private void describeInstances(Map<String, String> p, Xml xml) {
        List<String> ids = list(p, "InstanceId");
        for (String id : ids) {
            instanceById(id);
        }
        Map<String, List<String>> filters = filters(p);
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance i : instances.values()) {
            if ((ids.isEmpty() || ids.contains(i.id)) && matches(filters, name -> instanceValues(i, name))) {
                byReservation.computeIfAbsent(i.reservationId, k -> new ArrayList<>()).add(i);
            }
        }
        xml.start("reservationSet");
        byReservation.forEach((r, is) -> {
            xml.start("item");
            reservation(xml, r, is);
            xml.end();
        });
        xml.end();
    }

    private static Collection<String> instanceValues(Instance i, String filter) {
        if (filter.startsWith("tag:")) {
            String v = i.tags.get(filter.substring(4));
            return v == null ? List.of() : List.of(v);
        }
        return switch (filter) {
            case "tag-key" -> i.tags.keySet();
            case "tag-value" -> i.tags.values();
            case "instance-state-name" -> List.of(i.state);
            case "instance-state-code" -> List.of(String.valueOf(i.stateCode()));
            case "instance-id" -> List.of(i.id);
            case "image-id" -> List.of(i.imageId);
            case "instance-type" -> List.of(i.instanceType);
            case "reservation-id" -> List.of(i.reservationId);
            case "group-name", "instance.group-name" -> i.groups.stream().map(g -> g.name).toList();
            case "group-id", "instance.group-id" -> i.groups.stream().map(g -> g.id).toList();
            case "availability-zone", "placement.availability-zone" -> List.of(i.availabilityZone);
            case "private-ip-address" -> i.privateAddress == null ? List.of() : List.of(i.privateAddress);
            case "ip-address" -> i.publicAddress == null ? List.of() : List.of(i.publicAddress);
            default -> throw CloudError.ec2("InvalidParameterValue", "The filter '" + filter + "' is invalid");
        };
    }

    /** Every filter must match (AND); within one filter any value may match (OR). */
    private static boolean matches(Map<String, List<String>> filters, Function<String, Collection<String>> values) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (!Wildcards.anyMatches(f.getValue(), values.apply(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private void terminateInstances(Map<String, String> p, Xml xml, List<Runnable> after) {
        List<String> ids = list(p, "InstanceId");
        if (ids.isEmpty()) {
            throw CloudError.ec2("MissingParameter", "The request must contain the parameter InstanceId");
        }
        List<Instance> targets = ids.stream().map(this::instanceById).toList();
        xml.start("instancesSet");
        for (Instance i : targets) {
            int previousCode = i.stateCode();
            String previous = i.state;
            if (i.alive() && !i.state.equals("shutting-down")) {
                i.state = "shutting-down";
                after.add(() -> terminate(i));
            }
            xml.start("item").el("instanceId", i.id);
            xml.start("currentState").el("code", i.stateCode()).el("name", i.state).end();
            xml.start("previousState").el("code", previousCode).el("name", previous).end();
            xml.end();
        }
        xml.end();
    }

    private void terminate(Instance i) {
        try {
            boot.terminate(i.id);
        } catch (Exception | Error e) {
            // terminated all the same, as far as the cloud is concerned
        }
        synchronized (lock) {
            i.state = "terminated";
            i.privateAddress = null;
            i.publicAddress = null;
        }
    }

    private Instance instanceById(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw CloudError.ec2(id.startsWith("i-") ? "InvalidInstanceID.NotFound" : "InvalidInstanceID.Malformed",
                    "The instance ID '" + id + "' does not exist");
        }
        return i;
    }

    // ---- tags ----

    private Map<String, String> taggable(String id) {
        if (id.startsWith("sg-")) {
            return groupById(id).tags;
        }
        if (id.startsWith("i-")) {
            return instanceById(id).tags;
        }
        throw CloudError.ec2("InvalidID", "The ID '" + id + "' is not valid");
    }

    private void createTags(Map<String, String> p, Xml xml) {
        List<Map<String, String>> targets = list(p, "ResourceId").stream().map(this::taggable).toList();
        for (String tag : members(p, "Tag")) {
            String key = required(p, tag + ".Key");
            targets.forEach(t -> t.put(key, p.getOrDefault(tag + ".Value", "")));
        }
        xml.el("return", true);
    }

    private void deleteTags(Map<String, String> p, Xml xml) {
        List<Map<String, String>> targets = list(p, "ResourceId").stream().map(this::taggable).toList();
        List<String> tags = members(p, "Tag");
        for (Map<String, String> t : targets) {
            if (tags.isEmpty()) {
                t.clear();
            }
            for (String tag : tags) {
                String key = p.get(tag + ".Key");
                String value = p.get(tag + ".Value");
                if (value == null || value.equals(t.get(key))) {
                    t.remove(key);
                }
            }
        }
        xml.el("return", true);
    }

    // ---- security groups ----

    private void createSecurityGroup(Map<String, String> p, Xml xml) {
        String name = required(p, "GroupName");
        String description = required(p, "GroupDescription");
        if (groups.containsKey(name)) {
            throw CloudError.ec2("InvalidGroup.Duplicate", "The security group '" + name + "' already exists");
        }
        Group g = new Group(newId("sg-"), name, description);
        groups.put(name, g);
        for (String spec : members(p, "TagSpecification")) {
            for (String tag : members(p, spec + ".Tag")) {
                g.tags.put(p.get(tag + ".Key"), p.getOrDefault(tag + ".Value", ""));
            }
        }
        xml.el("return", true).el("groupId", g.id);
    }

    private void describeSecurityGroups(Map<String, String> p, Xml xml) {
        List<Group> selected = new ArrayList<>();
        List<String> names = list(p, "GroupName");
        List<String> ids = list(p, "GroupId");
        names.forEach(this::groupByName);
        ids.forEach(this::groupById);
        Map<String, List<String>> filters = filters(p);
        for (Group g : groups.values()) {
            boolean named = (names.isEmpty() && ids.isEmpty()) || names.contains(g.name) || ids.contains(g.id);
            if (named && matches(filters, f -> groupValues(g, f))) {
                selected.add(g);
            }
        }
        xml.start("securityGroupInfo");
        for (Group g : selected) {
            xml.start("item").el("ownerId", OWNER_ID).el("groupId", g.id).el("groupName", g.name)
                    .el("groupDescription", g.description);
            xml.start("ipPermissions");
            for (CloudPermission perm : g.permissions()) {
                xml.start("item").el("ipProtocol", perm.protocol());
                if (!perm.protocol().equals("-1")) {
                    xml.el("fromPort", perm.fromPort()).el("toPort", perm.toPort());
                }
                xml.start("groups");
                for (String source : perm.sourceGroups()) {
                    Group sg = groups.get(source);
                    xml.start("item").el("userId", OWNER_ID).el("groupId", sg == null ? null : sg.id)
                            .el("groupName", source).end();
                }
                xml.end().start("ipRanges");
                for (String cidr : perm.cidrs()) {
                    xml.start("item").el("cidrIp", cidr).end();
                }
                xml.end().start("ipv6Ranges").end().start("prefixListIds").end();
                xml.end();
            }
            xml.end();
            xml.start("ipPermissionsEgress").start("item").el("ipProtocol", "-1").start("groups").end()
                    .start("ipRanges").start("item").el("cidrIp", "0.0.0.0/0").end().end().end().end();
            tagSet(xml, g.tags);
            xml.end();
        }
        xml.end();
    }

    private static Collection<String> groupValues(Group g, String filter) {
        if (filter.startsWith("tag:")) {
            String v = g.tags.get(filter.substring(4));
            return v == null ? List.of() : List.of(v);
        }
        return switch (filter) {
            case "group-name" -> List.of(g.name);
            case "group-id" -> List.of(g.id);
            case "description" -> List.of(g.description);
            case "owner-id" -> List.of(OWNER_ID);
            case "tag-key" -> g.tags.keySet();
            default -> throw CloudError.ec2("InvalidParameterValue", "The filter '" + filter + "' is invalid");
        };
    }

    private void deleteSecurityGroup(Map<String, String> p, Xml xml) {
        Group g = namedGroup(p);
        if (g.name.equals("default")) {
            throw CloudError.ec2("CannotDelete", "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
        }
        for (Instance i : instances.values()) {
            if (i.alive() && i.groups.contains(g)) {
                throw CloudError.ec2("DependencyViolation", "resource " + g.id + " has a dependent object");
            }
        }
        for (Group other : groups.values()) {
            if (other != g && other.rules.stream().anyMatch(r -> r.source() == g)) {
                throw CloudError.ec2("DependencyViolation", "resource " + g.id + " has a dependent object");
            }
        }
        groups.remove(g.name);
        xml.el("return", true);
    }

    private void authorize(Map<String, String> p, Xml xml, boolean grant) {
        Group g = namedGroup(p);
        List<Rule> rules = new ArrayList<>();
        for (String perm : members(p, "IpPermissions")) {
            String protocol = p.getOrDefault(perm + ".IpProtocol", "");
            protocol = switch (protocol.toLowerCase()) {
                case "tcp", "6" -> "tcp";
                case "udp", "17" -> "udp";
                case "icmp", "1" -> "icmp";
                case "-1", "all" -> "-1";
                default -> throw CloudError.ec2("InvalidParameterValue", "Invalid value '" + protocol
                        + "' for IP protocol. Unknown protocol.");
            };
            int from = protocol.equals("-1") ? -1 : intParam(p, perm + ".FromPort", -1);
            int to = protocol.equals("-1") ? -1 : intParam(p, perm + ".ToPort", -1);
            if ((protocol.equals("tcp") || protocol.equals("udp")) && (from < 0 || to < from || to > 65535)) {
                throw CloudError.ec2("InvalidParameterValue", "Invalid port range " + from + "-" + to);
            }
            for (String range : members(p, perm + ".IpRanges")) {
                rules.add(new Rule(protocol, from, to, required(p, range + ".CidrIp"), null));
            }
            for (String source : members(p, perm + ".Groups")) {
                Group sg = p.containsKey(source + ".GroupId") ? groupById(p.get(source + ".GroupId"))
                        : groupByName(required(p, source + ".GroupName"));
                rules.add(new Rule(protocol, from, to, null, sg));
            }
        }
        if (rules.isEmpty()) {
            throw CloudError.ec2("MissingParameter", "No IpPermissions given");
        }
        for (Rule r : rules) {
            boolean present = g.rules.stream().anyMatch(r::same);
            if (grant && present) {
                throw CloudError.ec2("InvalidPermission.Duplicate", "the specified rule \"peer: "
                        + (r.cidr() != null ? r.cidr() : r.source().id) + ", " + r.protocol().toUpperCase() + ", from port: "
                        + r.fromPort() + ", to port: " + r.toPort() + ", ALLOW\" already exists");
            }
            if (!grant && !present) {
                throw CloudError.ec2("InvalidPermission.NotFound",
                        "The specified rule does not exist in this security group.");
            }
        }
        for (Rule r : rules) {
            if (grant) {
                g.rules.add(r);
            } else {
                g.rules.removeIf(r::same);
            }
        }
        xml.el("return", true);
    }

    private Group namedGroup(Map<String, String> p) {
        if (p.containsKey("GroupId")) {
            return groupById(p.get("GroupId"));
        }
        if (p.containsKey("GroupName")) {
            return groupByName(p.get("GroupName"));
        }
        throw CloudError.ec2("MissingParameter", "The request must contain the parameter groupName or groupId");
    }

    private Group groupByName(String name) {
        Group g = groups.get(name);
        if (g == null) {
            throw CloudError.ec2("InvalidGroup.NotFound", "The security group '" + name + "' does not exist");
        }
        return g;
    }

    private Group groupById(String id) {
        return groups.values().stream().filter(g -> g.id.equals(id)).findFirst().orElseThrow(() -> CloudError.ec2(
                "InvalidGroup.NotFound", "The security group '" + id + "' does not exist"));
    }

    // ---- images, zones, regions ----

    private void describeImages(Map<String, String> p, Xml xml) {
        List<String> owners = list(p, "Owner");
        List<String> ids = list(p, "ImageId");
        for (String id : ids) {
            if (!images.containsKey(id)) {
                throw CloudError.ec2("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
        }
        Map<String, List<String>> filters = filters(p);
        xml.start("imagesSet");
        for (CloudImage image : images.values()) {
            boolean owned = owners.isEmpty() || owners.contains(image.ownerId())
                    || (owners.contains("amazon") && image.ownerId().equals("137112412989"));
            if (owned && (ids.isEmpty() || ids.contains(image.id())) && matches(filters, f -> imageValues(image, f))) {
                xml.start("item").el("imageId", image.id()).el("imageLocation", image.ownerId() + "/" + image.name())
                        .el("imageState", "available").el("imageOwnerId", image.ownerId())
                        .el("creationDate", image.creationDate()).el("isPublic", true)
                        .el("architecture", image.architecture()).el("imageType", "machine").el("name", image.name())
                        .el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda")
                        .el("virtualizationType", "hvm").el("hypervisor", "xen").el("enaSupport", true).end();
            }
        }
        xml.end();
    }

    private static Collection<String> imageValues(CloudImage image, String filter) {
        return switch (filter) {
            case "name" -> List.of(image.name());
            case "architecture" -> List.of(image.architecture());
            case "state" -> List.of("available");
            case "image-id" -> List.of(image.id());
            case "owner-id" -> List.of(image.ownerId());
            case "root-device-type" -> List.of("ebs");
            case "virtualization-type" -> List.of("hvm");
            case "image-type" -> List.of("machine");
            case "is-public" -> List.of("true");
            default -> throw CloudError.ec2("InvalidParameterValue", "The filter '" + filter + "' is invalid");
        };
    }

    private void describeZones(Map<String, String> p, Xml xml) {
        List<String> names = list(p, "ZoneName");
        for (String n : names) {
            if (!ZONES.contains(n)) {
                throw CloudError.ec2("InvalidParameterValue", "Invalid availability zone: [" + n + "]");
            }
        }
        Map<String, List<String>> filters = filters(p);
        xml.start("availabilityZoneInfo");
        for (String z : ZONES) {
            Function<String, Collection<String>> values = f -> switch (f) {
                case "zone-name" -> List.of(z);
                case "region-name" -> List.of(cloud.region());
                case "state" -> List.of("available");
                default -> throw CloudError.ec2("InvalidParameterValue", "The filter '" + f + "' is invalid");
            };
            if ((names.isEmpty() || names.contains(z)) && matches(filters, values)) {
                xml.start("item").el("zoneName", z).el("zoneState", "available").el("regionName", cloud.region())
                        .el("zoneId", "use1-az" + (ZONES.indexOf(z) + 1)).el("zoneType", "availability-zone")
                        .start("messageSet").end().end();
            }
        }
        xml.end();
    }

    private void describeRegions(Xml xml) {
        xml.start("regionInfo").start("item").el("regionName", cloud.region())
                .el("regionEndpoint", cloud.ec2Endpoint().getAuthority()).el("optInStatus", "opt-in-not-required")
                .end().end();
    }

    // ---- helpers ----

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw CloudError.ec2("MissingParameter", "The request must contain the parameter " + name);
        }
        return v;
    }

    private static int intParam(Map<String, String> p, String name, int dflt) {
        String v = p.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw CloudError.ec2("InvalidParameterValue", "Invalid value '" + v + "' for " + name);
        }
    }

    static String newId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 17; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }
}
