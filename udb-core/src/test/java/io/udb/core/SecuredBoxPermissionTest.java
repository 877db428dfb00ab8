package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static io.udb.core.SecuredBoxFixture.denials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventEnvelope;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretValue;
import io.udb.core.event.CloudEventJson;
import io.udb.core.event.InMemoryEventSink;
import io.udb.security.authz.AccessDeniedException;
import io.udb.security.authz.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The permission table end to end: every method of {@link SecuredBox} for every role, allowed
 * exactly when the role includes the operation's minimum role. The expected minimum roles are
 * written out here, not derived from {@link Operation}, so that a change of the table shows up.
 */
class SecuredBoxPermissionTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /**
   * One call of a {@link SecuredBox} method.
   *
   * @param method what the row calls, for messages
   * @param operation the operation it must be checked as
   * @param minimumRole the lowest role that may make it
   * @param allowedOutcome when allowed: {@code null} for success, else the error the call still
   *     ends with for reasons other than authorization (e.g. nothing to find)
   * @param invoke the call
   */
  private record Call(
      String method,
      Operation operation,
      Role minimumRole,
      ErrorCode allowedOutcome,
      Consumer<SecuredBox> invoke) {}

  private static List<Call> calls(Job finished) {
    return List.of(
        new Call(
            "query",
            Operation.SQL_QUERY,
            Role.ANALYST,
            null,
            b -> b.query("SELECT count(*) FROM customers")),
        new Call("tables", Operation.TABLES_LIST, Role.VIEWER, null, SecuredBox::tables),
        new Call(
            "submit(profile)",
            Operation.JOB_START,
            Role.ANALYST,
            null,
            b -> b.submit(JobType.PROFILE, context -> Map.of())),
        new Call(
            "submit(ingest)",
            Operation.INGEST,
            Role.ANALYST,
            null,
            b -> b.submit(JobType.INGEST, context -> Map.of())),
        new Call(
            "submit(sync)",
            Operation.INGEST,
            Role.ANALYST,
            null,
            b -> b.submit(JobType.SYNC, context -> Map.of())),
        new Call("job", Operation.JOB_READ, Role.VIEWER, null, b -> b.job(finished.id())),
        new Call("jobs", Operation.JOB_READ, Role.VIEWER, null, b -> b.jobs(10)),
        new Call(
            "awaitJob",
            Operation.JOB_READ,
            Role.VIEWER,
            null,
            b -> b.awaitJob(finished.id(), WAIT)),
        new Call("cancel", Operation.JOB_CANCEL, Role.ANALYST, null, b -> b.cancel(finished.id())),
        new Call(
            "manifest",
            Operation.ARTIFACT_READ,
            Role.VIEWER,
            ErrorCode.ARTIFACT_NOT_FOUND,
            b -> b.manifest(finished.id())),
        new Call(
            "openArtifact",
            Operation.ARTIFACT_READ,
            Role.VIEWER,
            ErrorCode.ARTIFACT_NOT_FOUND,
            b -> b.openArtifact(finished.id(), ArtifactName.of("result.json"))),
        new Call(
            "classify",
            Operation.INGEST,
            Role.ANALYST,
            null,
            b -> b.classify(TableRef.of("customers"))),
        new Call(
            "storeSecret",
            Operation.SECRETS_MANAGE,
            Role.ADMIN,
            null,
            b -> b.storeSecret("db.password", SecretValue.of("hunter2"))),
        new Call(
            "prune",
            Operation.RETENTION_MANAGE,
            Role.ADMIN,
            null,
            b -> b.prune(Duration.ofDays(365))),
        new Call(
            "oauthInitiate",
            Operation.OAUTH_CONNECT,
            Role.ANALYST,
            ErrorCode.CONFIG_INVALID,
            b -> b.oauthInitiate("demo")),
        new Call(
            "oauthCallback",
            Operation.OAUTH_CONNECT,
            Role.ANALYST,
            ErrorCode.CONFIG_INVALID,
            b -> b.oauthCallback("demo", "code", "state")));
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void everyMethodIsAllowedExactlyWhenTheRoleIncludesItsOperationsMinimumRole(Role role) {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of(), sink, registry).secretsProvider("memory").build()) {
      try (SqlSession session = box.openSession(ACME)) {
        session.execute(
            "CREATE TABLE customers AS SELECT * FROM (VALUES (1, 'ann@example.com')) v(id, email)",
            List.of());
      }
      Job finished = box.submit(ACME, JobType.PROFILE, context -> Map.of());
      assertThat(box.awaitJob(ACME, finished.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      Principal principal = Principal.of("user-" + role.externalName(), ACME, role);
      SecuredBox secured = box.as(principal);
      sink.clear();

      for (Call call : calls(finished)) {
        String what = call.method() + " as " + role.externalName();
        assertThat(call.operation().minimumRole())
            .as(what + ": permission table")
            .isEqualTo(call.minimumRole());
        double deniedBefore =
            count(
                registry,
                "udb.security.denied",
                "control",
                "authorization",
                "reason",
                "role_too_low");
        Throwable thrown = catchThrowable(() -> call.invoke().accept(secured));

        if (role.includes(call.operation().minimumRole())) {
          if (call.allowedOutcome() == null) {
            assertThat(thrown).as(what).isNull();
          } else {
            assertThat(thrown)
                .as(what)
                .isInstanceOfSatisfying(
                    UdbException.class, e -> assertThat(e.code()).isEqualTo(call.allowedOutcome()));
          }
          assertThat(denials(sink)).as(what + ": denials").isEmpty();
        } else {
          assertThat(thrown)
              .as(what)
              .isInstanceOfSatisfying(
                  AccessDeniedException.class,
                  e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.reason()).isEqualTo(AccessDeniedException.ROLE_TOO_LOW);
                  });
          assertOneDenial(
              sink, "authorization.role_too_low", ACME, principal.subject(), call.operation().id());
          assertThat(
                  count(
                      registry,
                      "udb.security.denied",
                      "control",
                      "authorization",
                      "reason",
                      "role_too_low"))
              .as(what + ": metric")
              .isEqualTo(deniedBefore + 1);
        }
        sink.clear();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"VIEWER", "ANALYST"})
  void refusedSecretIsNotStoredAndNotInTheDenialEvent(Role role) {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of(), sink, registry).secretsProvider("memory").build()) {
      SecuredBox secured = box.as(Principal.of("someone", ACME, role));

      assertThatThrownBy(() -> secured.storeSecret("db.password", SecretValue.of("hunter2")))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(box.secrets().resolve(ACME, "db.password")).isEmpty();
      EventEnvelope event =
          assertOneDenial(sink, "authorization.role_too_low", ACME, "someone", "secrets.manage");
      assertThat(CloudEventJson.encode(event)).doesNotContain("hunter2");
    }
  }

  @Test
  void viewerSubmitCreatesNoJob() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      SecuredBox secured = box.as(Principal.of("someone", ACME, Role.VIEWER));

      assertThatThrownBy(() -> secured.submit(JobType.PROFILE, context -> Map.of()))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(box.jobs().list(ACME, 10)).isEmpty();
    }
  }
}
