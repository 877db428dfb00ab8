package io.udb.core.artifact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileSystemArtifactStoreTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final JobId JOB = JobId.of("job-1");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  static Stream<String> hostileNames() {
    return Stream.of(
        "../x",
        "..",
        "a/../../b",
        "/etc/passwd",
        "%2e%2e%2fetc",
        "..%2F..%2Fetc%2Fpasswd",
        "a\\..\\b",
        "a\u0000b",
        "report.html\u0000.png",
        "",
        ".",
        ".manifest.json",
        "a/b");
  }

  @TempDir Path tmp;
  private Path root;
  private FileSystemArtifactStore store;

  @BeforeEach
  void createStore() {
    root = tmp.resolve("root");
    store = storeAt(T0);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Nested
  class ReadAndWrite {

    @Test
    void putThenOpenReturnsTheSameBytesWithSizeAndSha256() throws IOException {
      byte[] content = new byte[200_000];
      new Random(42).nextBytes(content);

      ArtifactInfo info =
          store.put(
              ACME,
              JOB,
              ArtifactName.of("data.bin"),
              "application/x-test",
              new ByteArrayInputStream(content));

      assertThat(info.size()).isEqualTo(content.length);
      assertThat(info.sha256()).isEqualTo(independentSha256(content));
      assertThat(info.contentType()).isEqualTo("application/x-test");
      assertThat(info.createdAt()).isEqualTo(T0);
      assertThat(read(store.open(ACME, JOB, ArtifactName.of("data.bin")))).isEqualTo(content);
      assertThat(root.resolve("acme/job-1/data.bin")).hasBinaryContent(content);
    }

    @Test
    void manifestListsEntriesInWriteOrder() {
      put(store, ACME, JOB, "c.txt", "third letter");
      put(store, ACME, JOB, "a.json", "{}");
      put(store, ACME, JOB, "b.csv", "x\n1\n");

      ArtifactManifest manifest = store.manifest(ACME, JOB).orElseThrow();

      assertThat(manifest.tenant()).isEqualTo(ACME);
      assertThat(manifest.jobId()).isEqualTo(JOB);
      assertThat(names(manifest)).containsExactly("c.txt", "a.json", "b.csv");
      assertThat(manifest.artifacts().get(1).sha256())
          .isEqualTo(independentSha256("{}".getBytes(UTF_8)));
    }

    @Test
    void manifestFileHoldsTheDocumentedFields() throws IOException {
      store.put(
          ACME,
          JOB,
          ArtifactName.of("report.html"),
          "text/html",
          new ByteArrayInputStream("<p>hi</p>".getBytes(UTF_8)));

      Map<String, Object> json =
          Json.readObject(Files.readString(root.resolve("acme/job-1/.manifest.json")));

      assertThat(json).containsEntry("tenant", "acme").containsEntry("jobId", "job-1");
      assertThat(json.get("artifacts"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
          .singleElement()
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("name", "report.html")
          .containsEntry("contentType", "text/html")
          .containsEntry("sha256", independentSha256("<p>hi</p>".getBytes(UTF_8)))
          .containsEntry("createdAt", "2024-05-01T10:00:00Z")
          .containsEntry("size", 9);
    }

    @Test
    void replacingAnArtifactKeepsOneEntryInItsPlace() {
      put(store, ACME, JOB, "a.txt", "a");
      put(store, ACME, JOB, "b.txt", "first version");
      put(store, ACME, JOB, "c.txt", "c");
      Instant later = T0.plus(Duration.ofHours(1));

      ArtifactInfo replaced = put(storeAt(later), ACME, JOB, "b.txt", "second, longer version");

      ArtifactManifest manifest = store.manifest(ACME, JOB).orElseThrow();
      assertThat(names(manifest)).containsExactly("a.txt", "b.txt", "c.txt");
      assertThat(manifest.artifacts().get(1)).isEqualTo(replaced);
      assertThat(replaced.createdAt()).isEqualTo(later);
      assertThat(replaced.size()).isEqualTo("second, longer version".length());
      assertThat(readString(ACME, JOB, "b.txt")).isEqualTo("second, longer version");
    }

    @Test
    void tenantsWithTheSameJobIdDoNotSeeEachOthersArtifacts() {
      put(store, ACME, JOB, "result.json", "acme data");

      assertThat(store.open(GLOBEX, JOB, ArtifactName.of("result.json"))).isEmpty();
      assertThat(store.manifest(GLOBEX, JOB)).isEmpty();

      put(store, GLOBEX, JOB, "result.json", "globex data");

      assertThat(readString(ACME, JOB, "result.json")).isEqualTo("acme data");
      assertThat(readString(GLOBEX, JOB, "result.json")).isEqualTo("globex data");
      assertThat(store.manifest(ACME, JOB).orElseThrow().artifacts())
          .singleElement()
          .extracting(ArtifactInfo::sha256)
          .isEqualTo(independentSha256("acme data".getBytes(UTF_8)));
    }

    @Test
    void unknownJobOrArtifactIsEmpty() {
      put(store, ACME, JOB, "a.txt", "a");

      assertThat(store.open(ACME, JOB, ArtifactName.of("missing.txt"))).isEmpty();
      assertThat(store.open(ACME, JobId.of("other"), ArtifactName.of("a.txt"))).isEmpty();
      assertThat(store.manifest(ACME, JobId.of("other"))).isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatJob() {
      JobId other = JobId.of("job-2");
      put(store, ACME, JOB, "a.txt", "a");
      put(store, ACME, other, "b.txt", "b");

      assertThat(store.delete(ACME, JOB)).isTrue();

      assertThat(store.open(ACME, JOB, ArtifactName.of("a.txt"))).isEmpty();
      assertThat(store.manifest(ACME, JOB)).isEmpty();
      assertThat(root.resolve("acme/job-1")).doesNotExist();
      assertThat(readString(ACME, other, "b.txt")).isEqualTo("b");
      assertThat(store.delete(ACME, JOB)).isFalse();
      assertThat(store.delete(GLOBEX, other)).isFalse();
    }

    @Test
    void missingContentTypeIsGuessedFromTheName() {
      ArtifactInfo info =
          store.put(
              ACME, JOB, ArtifactName.of("chart.svg"), null, new ByteArrayInputStream(new byte[0]));

      assertThat(info.contentType()).isEqualTo("image/svg+xml");
      assertThat(info.size()).isZero();
      assertThat(info.sha256())
          .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void refusesContentTypeWithControlCharacters() {
      assertThatThrownBy(
              () ->
                  store.put(
                      ACME,
                      JOB,
                      ArtifactName.of("a.txt"),
                      "text/plain\r\nX-Injected: 1",
                      new ByteArrayInputStream(new byte[1])))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(store.open(ACME, JOB, ArtifactName.of("a.txt"))).isEmpty();
    }

    @Test
    void corruptManifestIsAStorageErrorAndBlocksReplacement() throws IOException {
      put(store, ACME, JOB, "a.txt", "original");
      Files.writeString(root.resolve("acme/job-1/.manifest.json"), "{not json");

      assertRefused(() -> store.manifest(ACME, JOB));
      assertRefused(() -> put(store, ACME, JOB, "a.txt", "replacement"));
      assertThat(readString(ACME, JOB, "a.txt")).isEqualTo("original");
    }

    @Test
    void manifestCopiedFromAnotherTenantIsRefused() throws IOException {
      put(store, ACME, JOB, "a.txt", "acme");
      put(store, GLOBEX, JOB, "b.txt", "globex");
      Files.copy(
          root.resolve("globex/job-1/.manifest.json"),
          root.resolve("acme/job-1/.manifest.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      assertRefused(() -> store.manifest(ACME, JOB));
    }
  }

  @Nested
  class Retention {

    @Test
    void pruneDeletesJobsWhoseNewestArtifactIsBeforeTheCutoff() {
      FileSystemArtifactStore later = storeAt(T0.plus(Duration.ofDays(10)));
      put(store, ACME, JobId.of("old"), "a.txt", "a");
      put(later, ACME, JobId.of("new"), "a.txt", "a");
      put(store, ACME, JobId.of("mixed"), "a.txt", "a");
      put(later, ACME, JobId.of("mixed"), "b.txt", "b");
      put(store, GLOBEX, JobId.of("old"), "a.txt", "a");

      int pruned = store.pruneOlderThan(T0.plus(Duration.ofDays(5)));

      assertThat(pruned).isEqualTo(2);
      assertThat(store.manifest(ACME, JobId.of("old"))).isEmpty();
      assertThat(store.manifest(ACME, JobId.of("new"))).isPresent();
      assertThat(store.manifest(ACME, JobId.of("mixed"))).isPresent();
      assertThat(root.resolve("globex")).doesNotExist();
      assertThat(root.resolve("acme")).isDirectory();
      assertThat(store.pruneOlderThan(T0.plus(Duration.ofDays(5)))).isZero();
    }

    @Test
    void pruneKeepsJobsCreatedExactlyAtTheCutoff() {
      put(store, ACME, JOB, "a.txt", "a");

      assertThat(store.pruneOlderThan(T0)).isZero();
      assertThat(store.pruneOlderThan(T0.plusMillis(1))).isEqualTo(1);
    }

    @Test
    void pruneWithoutManifestUsesTheNewestFileTime() throws IOException {
      Path stale = Files.createDirectories(root.resolve("acme/legacy-1"));
      touch(stale.resolve("x.bin"), T0);
      touch(stale.resolve("y.bin"), T0.plus(Duration.ofDays(1)));
      Path fresh = Files.createDirectories(root.resolve("acme/legacy-2"));
      touch(fresh.resolve("x.bin"), T0);
      touch(fresh.resolve("y.bin"), T0.plus(Duration.ofDays(10)));

      int pruned = store.pruneOlderThan(T0.plus(Duration.ofDays(5)));

      assertThat(pruned).isEqualTo(1);
      assertThat(stale).doesNotExist();
      assertThat(fresh.resolve("y.bin")).exists();
    }

    @Test
    void pruneSkipsEntriesThatAreNotTenantsOrJobs() throws IOException {
      touch(root.resolve("README.txt"), T0);
      touch(Files.createDirectories(root.resolve("Not-A-Tenant/job-1")).resolve("x"), T0);
      touch(Files.createDirectories(root.resolve("acme/bad_job")).resolve("x"), T0);
      touch(root.resolve("acme/plain-file"), T0);
      Map<String, String> before = snapshot(root);

      assertThat(store.pruneOlderThan(T0.plus(Duration.ofDays(365)))).isZero();

      assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void pruneNeverFollowsSymlinkedTenantOrJobFolders() throws IOException {
      Path outside = Files.createDirectories(tmp.resolve("outside/job-1"));
      touch(outside.resolve("keep.txt"), T0);
      Map<String, String> outsideBefore = snapshot(tmp.resolve("outside"));
      Files.createDirectories(root);
      Files.createSymbolicLink(root.resolve("evil"), tmp.resolve("outside"));
      Files.createDirectories(root.resolve("acme"));
      Files.createSymbolicLink(root.resolve("acme/linked-job"), outside);

      assertThat(store.pruneOlderThan(T0.plus(Duration.ofDays(365)))).isZero();

      assertThat(snapshot(tmp.resolve("outside"))).isEqualTo(outsideBefore);
    }
  }

  @Nested
  class PathTraversal {

    @ParameterizedTest
    @MethodSource("io.udb.core.artifact.FileSystemArtifactStoreTest#hostileNames")
    void refusesNameThatCouldLeaveTheJobFolder(String name) throws IOException {
      put(store, ACME, JOB, "existing.txt", "x");
      Map<String, String> before = snapshot(tmp);

      assertThatThrownBy(
              () ->
                  store.put(
                      ACME,
                      JOB,
                      ArtifactName.of(name),
                      "text/plain",
                      new ByteArrayInputStream("owned".getBytes(UTF_8))))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.ARTIFACT_NAME_INVALID);

      assertThat(snapshot(tmp)).isEqualTo(before);
    }
  }

  @Nested
  class SymbolicLinks {

    @Test
    void tenantFolderThatIsASymlinkIsRefusedAndNothingIsWrittenOutside() throws IOException {
      put(store, ACME, JOB, "a.txt", "mine");
      Path outside = Files.createDirectories(tmp.resolve("outside/job-1"));
      Files.writeString(outside.resolve("a.txt"), "outside secret");
      deleteTree(root.resolve("acme"));
      Files.createSymbolicLink(root.resolve("acme"), tmp.resolve("outside"));
      Map<String, String> outsideBefore = snapshot(tmp.resolve("outside"));

      assertRefused(() -> put(store, ACME, JOB, "a.txt", "written through link"));
      assertRefused(() -> put(store, ACME, JobId.of("job-2"), "b.txt", "written through link"));
      assertRefused(() -> store.open(ACME, JOB, ArtifactName.of("a.txt")));
      assertRefused(() -> store.manifest(ACME, JOB));
      assertRefused(() -> store.delete(ACME, JOB));

      assertThat(snapshot(tmp.resolve("outside"))).isEqualTo(outsideBefore);
    }

    @Test
    void artifactThatIsASymlinkIsNeverFollowed() throws IOException {
      Path secret = Files.createDirectories(tmp.resolve("elsewhere")).resolve("secret.txt");
      Files.writeString(secret, "top secret");
      put(store, ACME, JOB, "a.txt", "mine");
      Path artifact = root.resolve("acme/job-1/a.txt");
      Files.delete(artifact);
      Files.createSymbolicLink(artifact, secret);
      Files.createSymbolicLink(root.resolve("acme/job-1/b.txt"), secret);

      for (String name : List.of("a.txt", "b.txt")) {
        Optional<InputStream> opened = Optional.empty();
        try {
          opened = store.open(ACME, JOB, ArtifactName.of(name));
        } catch (UdbException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR);
          assertThat(e.getMessage()).doesNotContain("top secret");
        }
        assertThat(opened).isEmpty();
      }
      assertRefused(() -> put(store, ACME, JOB, "a.txt", "overwrite through link"));

      assertThat(store.delete(ACME, JOB)).isTrue();
      assertThat(secret).hasContent("top secret");
    }

    @Test
    void jobFolderThatIsASymlinkIsRefused() throws IOException {
      put(store, ACME, JobId.of("job-0"), "a.txt", "mine");
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Files.writeString(outside.resolve("a.txt"), "outside secret");
      Files.createSymbolicLink(root.resolve("acme/job-1"), outside);
      Map<String, String> outsideBefore = snapshot(outside);

      assertRefused(() -> put(store, ACME, JOB, "a.txt", "written through link"));
      assertRefused(() -> store.open(ACME, JOB, ArtifactName.of("a.txt")));
      assertRefused(() -> store.manifest(ACME, JOB));
      assertRefused(() -> store.delete(ACME, JOB));

      assertThat(snapshot(outside)).isEqualTo(outsideBefore);
      assertThat(readString(ACME, JobId.of("job-0"), "a.txt")).isEqualTo("mine");
    }

    @Test
    void manifestThatIsASymlinkIsNotRead() throws IOException {
      put(store, ACME, JOB, "a.txt", "mine");
      Path forged = Files.createDirectories(tmp.resolve("elsewhere")).resolve("forged.json");
      Files.copy(root.resolve("acme/job-1/.manifest.json"), forged);
      Path manifest = root.resolve("acme/job-1/.manifest.json");
      Files.delete(manifest);
      Files.createSymbolicLink(manifest, forged);
      Map<String, String> elsewhereBefore = snapshot(tmp.resolve("elsewhere"));

      assertRefused(() -> store.manifest(ACME, JOB));
      assertRefused(() -> put(store, ACME, JOB, "b.txt", "b"));

      assertThat(snapshot(tmp.resolve("elsewhere"))).isEqualTo(elsewhereBefore);
    }
  }

  @Nested
  class Atomicity {

    @Test
    void failedPutKeepsThePreviousVersionAndLeavesNoTemporaryFile() throws IOException {
      ArtifactInfo previous = put(store, ACME, JOB, "a.txt", "previous version");

      assertRefused(
          () ->
              store.put(ACME, JOB, ArtifactName.of("a.txt"), "text/plain", failingAfter(100_000)));

      assertThat(readString(ACME, JOB, "a.txt")).isEqualTo("previous version");
      assertThat(store.manifest(ACME, JOB).orElseThrow().artifacts()).containsExactly(previous);
      assertThat(listNames(root.resolve("acme/job-1"))).containsExactly(".manifest.json", "a.txt");
    }

    @Test
    void failedPutOfANewArtifactLeavesNothing() throws IOException {
      assertRefused(
          () -> store.put(ACME, JOB, ArtifactName.of("a.txt"), "text/plain", failingAfter(1_000)));

      assertThat(store.open(ACME, JOB, ArtifactName.of("a.txt"))).isEmpty();
      assertThat(store.manifest(ACME, JOB)).isEmpty();
      assertThat(listNames(root.resolve("acme/job-1"))).isEmpty();
    }

    @Test
    void readersSeeEitherTheOldOrTheWholeNewArtifact() throws Exception {
      int length = 256 * 1024;
      put(store, ACME, JOB, "big.bin", "A".repeat(length));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    put(store, ACME, JOB, "big.bin", (i % 2 == 0 ? "B" : "A").repeat(length));
                  }
                });
        Future<List<String>> reader =
            pool.submit(
                () -> {
                  List<String> torn = new ArrayList<>();
                  for (int reads = 0; reads < 20 || !writer.isDone(); reads++) {
                    String seen = readString(ACME, JOB, "big.bin");
                    String first = seen.isEmpty() ? "" : seen.substring(0, 1);
                    if (seen.length() != length || !seen.equals(first.repeat(length))) {
                      torn.add(seen.length() + " bytes");
                    }
                  }
                  return torn;
                });
        writer.get(60, TimeUnit.SECONDS);
        assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Concurrency {

    @Test
    void concurrentPutsToOneJobKeepEveryManifestEntry() throws Exception {
      int threads = 8;
      int perThread = 25;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      String name = "t" + thread + "-" + i + ".txt";
                      put(store, ACME, JOB, name, "content of " + name);
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      List<String> names = names(store.manifest(ACME, JOB).orElseThrow());
      assertThat(names).hasSize(threads * perThread).doesNotHaveDuplicates();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        List<String> ofThread = names.stream().filter(n -> n.startsWith(prefix)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          expected.add(prefix + i + ".txt");
        }
        assertThat(ofThread).containsExactlyElementsOf(expected);
      }
      for (String name : names) {
        assertThat(readString(ACME, JOB, name)).isEqualTo("content of " + name);
      }
      assertThat(listNames(root.resolve("acme/job-1")))
          .noneMatch(n -> n.startsWith(".tmp-"))
          .hasSize(threads * perThread + 1);
    }
  }

  private FileSystemArtifactStore storeAt(Instant now) {
    return new FileSystemArtifactStore(root, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static ArtifactInfo put(
      FileSystemArtifactStore target, TenantId tenant, JobId job, String name, String content) {
    return target.put(
        tenant,
        job,
        ArtifactName.of(name),
        "text/plain",
        new ByteArrayInputStream(content.getBytes(UTF_8)));
  }

  private String readString(TenantId tenant, JobId job, String name) {
    return new String(read(store.open(tenant, job, ArtifactName.of(name))), UTF_8);
  }

  private static byte[] read(Optional<InputStream> opened) {
    try (InputStream in = opened.orElseThrow()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(ArtifactManifest manifest) {
    return manifest.artifacts().stream().map(a -> a.name().value()).toList();
  }

  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.STORAGE_ERROR);
  }

  /** A stream that yields {@code bytes} bytes and then fails like a dropped connection. */
  private static InputStream failingAfter(int bytes) {
    return new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served >= bytes) {
          throw new IOException("connection reset");
        }
        served++;
        return 'x';
      }
    };
  }

  /** SHA-256 as lower-case hex, formatted without the code under test's helpers. */
  private static String independentSha256(byte[] content) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(content)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void touch(Path file, Instant modified) throws IOException {
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private static List<String> listNames(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every entry below a folder with its kind and content digest, never following links. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            entries.put(dir.relativize(d).toString(), "dir");
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            entries.put(
                dir.relativize(file).toString(),
                attrs.isSymbolicLink()
                    ? "link to " + Files.readSymbolicLink(file)
                    : independentSha256(Files.readAllBytes(file))
                        + " "
                        + Files.getLastModifiedTime(file, NOFOLLOW_LINKS));
            return FileVisitResult.CONTINUE;
          }
        });
    return entries;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
