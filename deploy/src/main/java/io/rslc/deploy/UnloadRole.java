package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The IAM role Redshift assumes to run rslc's {@code UNLOAD ... IAM_ROLE '...'}: the archive is written by the
 * warehouse, not by the runner, so this role, and only this role, can touch the archive.
 *
 * <p>It reaches the archive prefix and nothing else in the bucket: objects under
 * {@code arn:aws:s3:::<ArchiveBucket>/<ArchivePrefix>*} (write the part files and manifests, read them back,
 * delete them for CLEANPATH) and a listing of the bucket restricted to that prefix by an {@code s3:prefix}
 * condition. Associate it with the cluster or workgroup after deploying (docs/deploy.md).
 */
public final class UnloadRole extends Construct {

    private final Role role;

    UnloadRole(Construct scope, String id, StackParameters parameters) {
        super(scope, id);
        String bucketArn = Fn.sub("arn:${AWS::Partition}:s3:::${ArchiveBucket}");
        String objectsArn = Fn.sub("arn:${AWS::Partition}:s3:::${ArchiveBucket}/${ArchivePrefix}*");

        PolicyDocument archive = PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("ArchiveObjects").effect(Effect.ALLOW)
                        .actions(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"))
                        .resources(List.of(objectsArn)).build(),
                PolicyStatement.Builder.create().sid("ListArchivePrefix").effect(Effect.ALLOW)
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(bucketArn))
                        .conditions(Ordered.map("StringLike", Ordered.map("s3:prefix", List.of(Fn.sub("${ArchivePrefix}*")))))
                        .build(),
                PolicyStatement.Builder.create().sid("ArchiveBucketRegion").effect(Effect.ALLOW)
                        .actions(List.of("s3:GetBucketLocation"))
                        .resources(List.of(bucketArn)).build()))
                .build();

        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("redshift.amazonaws.com"))
                .description("Assumed by Redshift for rslc's UNLOAD: the archive prefix only")
                .inlinePolicies(Ordered.map("ArchivePrefix", archive))
                .build();
        Nag.suppress(role, Nag.UNLOAD_OBJECTS);
    }

    /** The role's ARN, which the runner passes to UNLOAD ({@code RSLC_ROLE_ARN}). */
    String roleArn() { return role.getRoleArn(); }
}
