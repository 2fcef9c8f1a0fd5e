package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;

/**
 * The collector forgets an unreferenced blob while the same content is stored again, over and over, from two threads
 * that share no lock in the JVM (as two nodes would not): the database row of the blob decides, and a stored file
 * never points at missing bytes.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("integration")
class BlobReviveRaceIT {

    private static final int ROUNDS = 200;
    private static final long WAIT_SECONDS = 20;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application().addClasses(BlobReviveRaceIT.class, Deployments.class);
    }

    @Inject
    FileCatalog files;

    @Inject
    BlobStore blobs;

    private static NewFile newFile(String owner) {
        return new NewFile("race.bin", owner, null, FileSource.GALILEO);
    }

    @Test
    void aBlobForgottenWhileItsContentIsStoredAgainNeverLosesTheBytesOfTheNewFile() throws Exception {
        String owner = "racer-" + System.nanoTime();
        Random random = new Random(owner.hashCode());
        ExecutorService twoNodes = Executors.newFixedThreadPool(2);
        int forgotten = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] content = new byte[1024];
                random.nextBytes(content);
                StoredFile first = files.store(new ByteArrayInputStream(content), newFile(owner));
                String sha256 = first.getSha256();
                files.delete(first.getId());
                // Unreferenced since before this cutoff: the collector may forget it.
                Instant cutoff = Instant.now().plusSeconds(1);

                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> forget = twoNodes.submit(() -> {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return files.forgetIfUnreferenced(sha256, cutoff);
                });
                Future<StoredFile> revive = twoNodes.submit(() -> {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return files.store(new ByteArrayInputStream(content), newFile(owner));
                });
                boolean forgot = forget.get(WAIT_SECONDS, TimeUnit.SECONDS);
                StoredFile again = revive.get(WAIT_SECONDS, TimeUnit.SECONDS);
                forgotten += forgot ? 1 : 0;

                assertEquals(sha256, again.getSha256());
                try (InputStream stored = Channels.newInputStream(blobs.open(sha256))) {
                    assertArrayEquals(content, stored.readAllBytes(), "round " + round + " (collector forgot the"
                            + " blob: " + forgot + "): the revived file's bytes are all there");
                }
                files.delete(again.getId());
                files.forgetIfUnreferenced(sha256, Instant.now().plusSeconds(1));
            }
        } finally {
            twoNodes.shutdownNow();
        }
        System.out.println("Blob forget-vs-revive: the collector won " + forgotten + " of " + ROUNDS + " rounds");
    }
}
