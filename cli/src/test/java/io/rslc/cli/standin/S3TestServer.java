package io.rslc.cli.standin;

import io.rslc.internal.aws.s3.S3Clients;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.services.s3.S3Client;

/** s3proxy (a real S3 protocol server, in memory) on 127.0.0.1, one per test JVM, with a client for assertions. */
public final class S3TestServer {

    public static final String ACCESS_KEY = "standin";
    public static final String SECRET_KEY = "standin-secret";

    private static S3TestServer shared;

    private final S3Proxy proxy;
    private final S3Client s3;

    private S3TestServer(S3Proxy proxy, S3Client s3) {
        this.proxy = proxy;
        this.s3 = s3;
    }

    public static synchronized S3TestServer shared() throws Exception {
        if (shared == null) {
            Properties p = new Properties();
            p.setProperty("jclouds.identity", ACCESS_KEY);
            p.setProperty("jclouds.credential", SECRET_KEY);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient-nio2", p))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            shared = new S3TestServer(proxy, S3Clients.forEndpoint(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY));
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public S3Client s3() {
        return s3;
    }

    /** Creates a bucket unless it exists. */
    public void bucket(String name) {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
            s3.createBucket(b -> b.bucket(name));
        }
    }
}
