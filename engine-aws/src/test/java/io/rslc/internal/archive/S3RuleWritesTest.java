package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.aws.s3.S3ArchiveStore;
import io.rslc.internal.aws.s3.S3ArchiveStores;
import io.rslc.internal.aws.s3.S3Clients;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a rule's archive writes send to S3 on the PostgreSQL path (s3proxy, in memory, on loopback): SSE-KMS with
 * the rule's key on every PutObject and CreateMultipartUpload when it says {@code encrypted} 1 and
 * {@code kms_key_id}, no encryption header otherwise (the bucket's default, also for {@code encrypted auto}), and
 * requests signed for the rule's {@code unload_region}. s3proxy stores objects without encrypting them, so the
 * headers are asserted as the SDK sends them (an interceptor records each request as transmitted).
 */
class S3RuleWritesTest {

    private static final String ACCESS_KEY = "rslc-test";
    private static final String SECRET_KEY = "s3cr3t-never-printed";
    private static final int PART = 5 << 20;

    static S3Proxy proxy;
    static String unavailable;
    static final List<SdkHttpRequest> SENT = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger CLIENTS_MADE = new AtomicInteger();
    static S3Client defaultClient;

    @BeforeAll
    static void startS3() throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.identity", ACCESS_KEY);
        p.setProperty("jclouds.credential", SECRET_KEY);
        try {
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient-nio2", p))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
        } catch (NoClassDefFoundError e) {
            unavailable = "s3proxy cannot start (" + e + "): the test class path needs jackson-annotations >= 2.21";
            return;
        }
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        defaultClient = client("us-east-1");
        defaultClient.createBucket(b -> b.bucket("archive"));
    }

    /** As {@link S3Clients#forEndpoint}, plus the recording interceptor. */
    static S3Client client(String region) {
        CLIENTS_MADE.incrementAndGet();
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
                        SENT.add(context.httpRequest());
                    }
                }))
                .build();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
    }

    ArchiveLocation location;
    S3ArchiveStores stores;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        location = ArchiveLocation.s3("s3://archive/" + test.getTestMethod().orElseThrow().getName());
        stores = new S3ArchiveStores(defaultClient, S3RuleWritesTest::client);
        SENT.clear();
    }

    private static List<SdkHttpRequest> writes() {
        return SENT.stream().filter(r -> r.method().name().equals("PUT") && !r.rawQueryParameters()
                .containsKey("partNumber") || r.method().name().equals("POST") && r.rawQueryParameters()
                .containsKey("uploads")).toList();
    }

    private static String header(SdkHttpRequest r, String name) {
        return r.firstMatchingHeader(name).orElse(null);
    }

    /** The region of a SigV4 Authorization header's credential scope: Credential=AK/date/REGION/s3/aws4_request. */
    private static String signedRegion(SdkHttpRequest r) {
        String auth = header(r, "Authorization");
        String scope = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
        return scope.split("/")[2];
    }

    private static ArchiveResult archive(ArchiveStore store) throws Exception {
        try (SourceTable src = new SourceTable()) {
            return new SliceArchiver().write(src.rows(), UnloadOptions.builder().format(FileFormat.JSON).build(),
                    store, "rslc_slice=2020-03-21/rslc_gen=1/");
        }
    }

    @Test
    void aKmsKeyEncryptsEveryFileAndTheManifestWithSseKms() throws Exception {
        UnloadOptions rule = UnloadOptions.builder().location(location).kmsKeyId("alias/archive").build();

        ArchiveResult r = archive(stores.open(location).forWriting(rule));

        assertThat(r.rows()).isEqualTo(6);
        List<SdkHttpRequest> writes = writes();
        assertThat(writes).hasSize(2); // the data file and the manifest
        assertThat(writes).allSatisfy(w -> {
            assertThat(header(w, "x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(header(w, "x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo("alias/archive");
        });
    }

    @Test
    void aMultipartUploadAsksForSseKmsWhenItStarts() throws Exception {
        UnloadOptions rule = UnloadOptions.builder().location(location)
                .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/1234abcd").build();
        ArchiveStore store = new S3ArchiveStore(location, defaultClient, PART, null, null).forWriting(rule);

        try (ArchiveOutput out = store.create("big.bin")) {
            out.write(new byte[PART + 1]);
        }

        SdkHttpRequest start = SENT.stream().filter(q -> q.rawQueryParameters().containsKey("uploads")).findFirst()
                .orElseThrow();
        assertThat(header(start, "x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(header(start, "x-amz-server-side-encryption-aws-kms-key-id"))
                .isEqualTo("arn:aws:kms:us-east-1:123456789012:key/1234abcd");
        assertThat(defaultClient.headObject(b -> b.bucket("archive")
                .key("aMultipartUploadAsksForSseKmsWhenItStarts/big.bin")).contentLength()).isEqualTo(PART + 1L);
    }

    @Test
    void withoutAKeyTheBucketsDefaultEncryptionApplies() throws Exception {
        for (UnloadOptions rule : List.of(UnloadOptions.builder().location(location).build(),
                UnloadOptions.builder().location(location).encryptedAuto().build())) {
            SENT.clear();
            ArchiveStore store = stores.open(location).forWriting(rule);
            store.deleteFolder("rslc_slice=2020-03-21/");
            archive(store);
            assertThat(writes()).isNotEmpty().allSatisfy(w -> {
                assertThat(header(w, "x-amz-server-side-encryption")).isNull();
                assertThat(header(w, "x-amz-server-side-encryption-aws-kms-key-id")).isNull();
            });
        }
    }

    @Test
    void anUnloadRegionIsWhereTheRulesRequestsGo() throws Exception {
        int before = CLIENTS_MADE.get();
        UnloadOptions euRule = UnloadOptions.builder().location(location).region("eu-west-1").build();

        archive(stores.open(location).forWriting(euRule));

        assertThat(writes()).isNotEmpty().allSatisfy(w -> assertThat(signedRegion(w)).isEqualTo("eu-west-1"));
        SENT.clear();
        stores.open(location).forWriting(euRule).list("");
        assertThat(CLIENTS_MADE.get() - before).as("one client per region, kept").isEqualTo(1);

        SENT.clear();
        stores.open(location).forWriting(UnloadOptions.builder().location(location).build()).list("");
        assertThat(SENT).isNotEmpty().allSatisfy(w -> assertThat(signedRegion(w)).isEqualTo("us-east-1"));
    }
}
