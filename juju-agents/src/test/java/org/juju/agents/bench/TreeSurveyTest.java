package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.Test;

class TreeSurveyTest extends ZooKeeperTestBase {
    @Test
    void findsTheBiggestNodesTheWidestParentsAndTheTotals() throws Exception {
        try (CuratorFramework client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            client.create().forPath("/survey", new byte[10]);
            client.create().forPath("/survey/units", new byte[0]);
            for (int i = 0; i < 30; i++) {
                client.create().forPath("/survey/units/u" + i, new byte[100]);
            }
            client.create().forPath("/survey/topology", new byte[5000]);
            client.create().forPath("/survey/machines", new byte[0]);
            for (int i = 0; i < 3; i++) {
                client.create().forPath("/survey/machines/m" + i, new byte[2000 + i]);
            }

            TreeSurvey.Result result = TreeSurvey.survey(client, "/survey", 3);

            assertThat(result.nodes()).isEqualTo(1 + 1 + 30 + 1 + 1 + 3);
            assertThat(result.totalBytes()).isEqualTo(10 + 30 * 100 + 5000 + 2000 + 2001 + 2002);
            assertThat(result.unreadable()).isZero();
            assertThat(result.biggestNode()).isEqualTo(new TreeSurvey.Znode("/survey/topology", 5000));
            assertThat(result.biggest()).containsExactly(new TreeSurvey.Znode("/survey/topology", 5000),
                    new TreeSurvey.Znode("/survey/machines/m2", 2002), new TreeSurvey.Znode("/survey/machines/m1", 2001));
            assertThat(result.widest()).containsExactly(new TreeSurvey.Parent("/survey/units", 30),
                    new TreeSurvey.Parent("/survey", 3), new TreeSurvey.Parent("/survey/machines", 3));
        }
    }

    @Test
    void countsUnreadableNodesAndSkipsTheirSubtrees() throws Exception {
        String digest = DigestAuthenticationProvider.generateDigest("admin:pw");
        List<ACL> adminOnly = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", digest)));
        try (CuratorFramework admin = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .authorization("digest", "admin:pw".getBytes(StandardCharsets.UTF_8))
                .retryPolicy(new RetryOneTime(100)).build();
             CuratorFramework anonymous = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            admin.start();
            admin.create().forPath("/guarded", new byte[1]);
            admin.create().withACL(adminOnly).forPath("/guarded/secret", new byte[50_000]);
            admin.create().forPath("/guarded/secret/child", new byte[7]);
            admin.create().forPath("/guarded/open", new byte[3]);

            TreeSurvey.Result seenByAnonymous = TreeSurvey.survey(anonymous, "/guarded", 5);
            TreeSurvey.Result seenByAdmin = TreeSurvey.survey(admin, "/guarded", 5);

            assertThat(seenByAnonymous.unreadable()).isEqualTo(1);
            assertThat(seenByAnonymous.nodes()).isEqualTo(2);
            assertThat(seenByAnonymous.biggestNode()).isEqualTo(new TreeSurvey.Znode("/guarded/open", 3));
            assertThat(seenByAdmin.unreadable()).isZero();
            assertThat(seenByAdmin.nodes()).isEqualTo(4);
            assertThat(seenByAdmin.biggestNode()).isEqualTo(new TreeSurvey.Znode("/guarded/secret", 50_000));
        }
    }

    @Test
    void surveysTheWholeTreeFromTheRoot() throws Exception {
        try (CuratorFramework client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            client.create().forPath("/rooted", new byte[1]);
            TreeSurvey.Result result = TreeSurvey.survey(client, "/", 100);
            assertThat(result.biggest()).extracting(TreeSurvey.Znode::path).contains("/", "/rooted", "/zookeeper");
        }
    }
}
