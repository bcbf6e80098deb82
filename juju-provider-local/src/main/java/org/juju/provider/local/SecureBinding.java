package org.juju.provider.local;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.ZKConfig;
import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.auth.X509AuthenticationProvider;

/**
 * The daemon's TLS client port: a Netty connection factory configured {@code secure}, as
 * {@code ZooKeeperServerMain} makes for a {@code secureClientPort}, that requires a client
 * certificate trusted by the server's trust store. ZooKeeper's server side reads its TLS settings
 * from system properties ({@code zookeeper.ssl.*}), which is why {@link #configure} sets them; the
 * daemon is a JVM of its own. The password is read from the TLS directory, never taken from the
 * command line.
 */
final class SecureBinding {
    private static final String PKCS12 = "PKCS12";
    private static final String AUTH_PROVIDER_X509 = "zookeeper.authProvider.x509";

    private SecureBinding() {
    }

    /**
     * Sets the server's TLS system properties for {@code secure} and checks that its key store and
     * trust store open with the password. Must run before the {@code ZooKeeperServer} is created
     * (the x509 authentication provider is registered when ZooKeeper first looks one up).
     *
     * @throws IOException naming the file if a file is missing or the stores do not open
     */
    static void configure(SecureClientPort secure) throws IOException {
        for (Path file : new Path[] {secure.keyStore(), secure.trustStore(), secure.passwordFile()}) {
            if (!Files.isReadable(file)) {
                throw new IOException("TLS file " + file + " is missing or unreadable");
            }
        }
        String password = Files.readString(secure.passwordFile(), StandardCharsets.UTF_8).trim();
        if (password.isEmpty()) {
            throw new IOException("TLS password file " + secure.passwordFile() + " is empty");
        }
        try (ClientX509Util x509 = new ClientX509Util()) {
            System.setProperty(x509.getSslKeystoreLocationProperty(), secure.keyStore().toString());
            System.setProperty(x509.getSslKeystorePasswdProperty(), password);
            System.setProperty(x509.getSslKeystoreTypeProperty(), PKCS12);
            System.setProperty(x509.getSslTruststoreLocationProperty(), secure.trustStore().toString());
            System.setProperty(x509.getSslTruststorePasswdProperty(), password);
            System.setProperty(x509.getSslTruststoreTypeProperty(), PKCS12);
            System.setProperty(x509.getSslClientAuthProperty(), "need");
            // Trust is pinned to the one client certificate; host names of clients mean nothing.
            System.setProperty(x509.getSslHostnameVerificationEnabledProperty(), "false");
            System.setProperty(x509.getSslClientHostnameVerificationEnabledProperty(), "false");
            System.setProperty(AUTH_PROVIDER_X509, X509AuthenticationProvider.class.getName());
            x509.createNettySslContextForServer(new ZKConfig());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot use the TLS files in " + secure.tlsDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A configured (bound, not yet started) secure connection factory on {@code host}.
     *
     * @throws BindException naming the address if the port is taken
     */
    static ServerCnxnFactory bind(String host, SecureClientPort secure, int maxClientCnxns) throws IOException {
        ServerCnxnFactory factory = newNettyFactory();
        InetSocketAddress address = new InetSocketAddress(host, secure.port());
        try {
            factory.configure(address, maxClientCnxns, -1, true);
        } catch (BindException e) {
            BindException failure = new BindException("cannot listen on " + address + " (secure port): " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        return factory;
    }

    /** Netty's factory; its constructor is package-private (ZooKeeper makes it by reflection too). */
    private static ServerCnxnFactory newNettyFactory() throws IOException {
        try {
            Constructor<NettyServerCnxnFactory> constructor = NettyServerCnxnFactory.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot create ZooKeeper's Netty connection factory: " + e, e);
        }
    }
}
