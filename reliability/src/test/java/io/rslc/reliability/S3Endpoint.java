package io.rslc.reliability;

import io.rslc.cli.standin.S3TestServer;
import io.rslc.internal.aws.s3.S3Clients;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An s3proxy of one instance's own, on a fixed port, that can be stopped mid-run (connections dropped, new ones
 * refused) and started again over the same in-memory blobs. Same credentials as {@link S3TestServer}.
 */
final class S3Endpoint implements AutoCloseable {

    private final BlobStore blobs;
    private final int port;
    private final S3Client client;
    private S3Proxy proxy;

    private S3Endpoint(BlobStore blobs, int port) throws Exception {
        this.blobs = blobs;
        this.port = port;
        restart();
        this.client = S3Clients.forEndpoint(URI.create(endpoint()), "us-east-1", S3TestServer.ACCESS_KEY,
                S3TestServer.SECRET_KEY);
        client.createBucket(b -> b.bucket(Target.BUCKET));
    }

    static S3Endpoint start() throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.identity", S3TestServer.ACCESS_KEY);
        p.setProperty("jclouds.credential", S3TestServer.SECRET_KEY);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new S3Endpoint(BlobStores.create("transient-nio2", p), port);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    S3Client client() {
        return client;
    }

    /** Stops serving: open connections are closed, new ones refused. */
    void stop() throws Exception {
        proxy.stop();
    }

    /** Serves again, same port, same blobs. */
    void restart() throws Exception {
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
