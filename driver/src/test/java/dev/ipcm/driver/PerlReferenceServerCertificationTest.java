package dev.ipcm.driver;

import java.util.List;

/**
 * {@link PerlReferenceCertificationTest} on the reference's database stores (PostgreSQL, MariaDB,
 * MySQL, where a server is configured): the same check, in a class of its own so that Surefire
 * runs it in the second test JVM while the first certifies the stores that need no server.
 */
class PerlReferenceServerCertificationTest extends PerlReferenceCertificationTest {
    static List<String> stores() {
        return STORES.stream().filter(PerlReferenceCertificationTest::isServerStore).toList();
    }
}
