package io.udb.core.artifact;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.artifact.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ArtifactStore} on the local file system, laid out as {@code
 * <root>/<tenant>/<jobId>/<artifactName>} with a per-job {@value #MANIFEST_FILE} listing the
 * artifacts in write order.
 *
 * <p>Writes are atomic: content is streamed into a temporary file in the job folder, forced to disk
 * and renamed over the target; the manifest is replaced the same way. Concurrent writers of one job
 * are serialized for the rename and manifest update, so no manifest entry is lost.
 *
 * <p>Every path is resolved below the real path of the root and checked to stay in its folder;
 * tenant folders, job folders, artifacts and manifests that are symbolic links are refused, never
 * followed, and reads open files with {@link java.nio.file.LinkOption#NOFOLLOW_LINKS}.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  /** The name of the manifest file in each job folder. */
  public static final String MANIFEST_FILE = ".manifest.json";

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemArtifactStore.class);
  private static final String TEMP_PREFIX = ".tmp-";
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int DIRECTORY_ATTEMPTS = 5;
  private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,254}");

  private final Path root;
  private final Clock clock;
  private final JobLocks locks = new JobLocks();

  /**
   * Creates the store, creating the root folder if needed.
   *
   * @param root the folder holding all tenants' artifacts
   * @param clock the clock that stamps {@link ArtifactInfo#createdAt()}
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the root cannot be created
   */
  public FileSystemArtifactStore(Path root, Clock clock) {
    Objects.requireNonNull(root, "root");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(root);
      // Containment checks compare against the real path, so a root reached through a link is
      // fine but nothing below it may be one.
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Cannot create the artifact root '"
              + root
              + "' ("
              + e.getMessage()
              + "); point it at a writable directory",
          e);
    }
  }

  /** The real path of the root folder. */
  public Path root() {
    return root;
  }

  @Override
  public ArtifactInfo put(
      TenantId tenant, JobId jobId, ArtifactName name, String contentType, InputStream content) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    String type = contentType(name, contentType);
    Lock inUse = locks.folderInUse(tenant, jobId);
    inUse.lock();
    Path temp = null;
    try {
      Path jobDir = ensureJobDir(tenant, jobId);
      Path target = child(jobDir, name.value());
      refuseLink(target);
      temp = Files.createTempFile(jobDir, TEMP_PREFIX, ".part");
      Digest digest = writeDurably(content, temp);
      ArtifactInfo info =
          new ArtifactInfo(name, type, digest.size(), digest.sha256(), clock.instant());
      Lock publish = locks.publish(tenant, jobId);
      publish.lock();
      try {
        // Read the manifest first: a corrupt one fails the put before anything is replaced.
        List<ArtifactInfo> entries = new ArrayList<>(entries(jobDir, tenant, jobId));
        refuseLink(target);
        Files.move(temp, target, ATOMIC_MOVE, REPLACE_EXISTING);
        temp = null;
        syncDirectory(jobDir);
        writeManifest(jobDir, new ArtifactManifest(tenant, jobId, withEntry(entries, info)));
      } finally {
        publish.unlock();
      }
      return info;
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Could not store artifact '"
              + name
              + "' of job '"
              + jobId
              + "' ("
              + e.getMessage()
              + "); check that the content stream can be read to its end and that the artifact"
              + " root is writable and has free space",
          e);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
      inUse.unlock();
    }
  }

  @Override
  public Optional<InputStream> open(TenantId tenant, JobId jobId, ArtifactName name) {
    Objects.requireNonNull(name, "name");
    try {
      Optional<Path> jobDir = existingJobDir(tenant, jobId);
      if (jobDir.isEmpty()) {
        return Optional.empty();
      }
      Path file = child(jobDir.get(), name.value());
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        throw linkRefused(file);
      }
      if (!attributes.isRegularFile()) {
        throw new UdbException(
            ErrorCode.STORAGE_ERROR,
            "Artifact '" + relative(file) + "' is not a regular file; remove it from the store");
      }
      // NOFOLLOW_LINKS (O_NOFOLLOW) also refuses a link swapped in after the check above.
      return Optional.of(Files.newInputStream(file, NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw storageError("open artifact '" + name + "' of job '" + jobId + "'", e);
    }
  }

  @Override
  public Optional<ArtifactManifest> manifest(TenantId tenant, JobId jobId) {
    try {
      Optional<Path> jobDir = existingJobDir(tenant, jobId);
      if (jobDir.isEmpty()) {
        return Optional.empty();
      }
      return readManifest(jobDir.get(), tenant, jobId).filter(m -> !m.artifacts().isEmpty());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw storageError("read the manifest of job '" + jobId + "'", e);
    }
  }

  @Override
  public boolean delete(TenantId tenant, JobId jobId) {
    Lock removal = locks.folderRemoval(tenant, jobId);
    removal.lock();
    try {
      Optional<Path> jobDir = existingJobDir(tenant, jobId);
      if (jobDir.isEmpty()) {
        return false;
      }
      deleteTree(jobDir.get());
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw storageError("delete the artifacts of job '" + jobId + "'", e);
    } finally {
      removal.unlock();
    }
  }

  @Override
  public int pruneOlderThan(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int pruned = 0;
    try {
      for (Path tenantDir : list(root)) {
        Optional<TenantId> tenant = parseName(tenantDir, TenantId::of, "tenant");
        if (tenant.isPresent() && isPlainDirectory(tenantDir, "tenant")) {
          pruned += pruneTenant(tenant.get(), tenantDir, cutoff);
        }
      }
    } catch (IOException e) {
      throw storageError("prune artifacts older than " + cutoff, e);
    }
    return pruned;
  }

  @Override
  public String toString() {
    return "FileSystemArtifactStore[" + root + "]";
  }

  private int pruneTenant(TenantId tenant, Path tenantDir, Instant cutoff) throws IOException {
    int pruned = 0;
    for (Path jobDir : list(tenantDir)) {
      Optional<JobId> jobId = parseName(jobDir, JobId::of, "job");
      if (jobId.isPresent()
          && isPlainDirectory(jobDir, "job")
          && pruneJob(tenant, jobId.get(), jobDir, cutoff)) {
        pruned++;
      }
    }
    try {
      Files.delete(tenantDir);
      LOG.debug("Removed empty artifact folder of tenant {}", tenant);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // Still has jobs, or was removed concurrently: nothing to do.
    }
    return pruned;
  }

  private boolean pruneJob(TenantId tenant, JobId jobId, Path jobDir, Instant cutoff) {
    Lock removal = locks.folderRemoval(tenant, jobId);
    if (!removal.tryLock()) {
      // A writer holds the job folder, so it is in use and not due for retention.
      return false;
    }
    try {
      if (lastActivity(tenant, jobId, jobDir).isBefore(cutoff)) {
        deleteTree(jobDir);
        LOG.debug("Pruned artifacts of job {} of tenant {}", jobId, tenant);
        return true;
      }
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      LOG.warn("Could not prune artifacts of job {} of tenant {}", jobId, tenant, e);
      return false;
    } finally {
      removal.unlock();
    }
  }

  /** The newest manifest entry's creation time, or without a usable manifest the newest mtime. */
  private Instant lastActivity(TenantId tenant, JobId jobId, Path jobDir) throws IOException {
    try {
      Optional<Instant> newest =
          readManifest(jobDir, tenant, jobId)
              .flatMap(
                  m ->
                      m.artifacts().stream()
                          .map(ArtifactInfo::createdAt)
                          .max(Comparator.naturalOrder()));
      if (newest.isPresent()) {
        return newest.get();
      }
    } catch (UdbException e) {
      LOG.warn(
          "Unreadable manifest of job {} of tenant {}; using file times for retention",
          jobId,
          tenant,
          e);
    }
    Instant newest = null;
    for (Path file : list(jobDir)) {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
      if (attributes.isRegularFile()) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        newest = newest == null || modified.isAfter(newest) ? modified : newest;
      }
    }
    return newest != null ? newest : Files.getLastModifiedTime(jobDir, NOFOLLOW_LINKS).toInstant();
  }

  private Path tenantDir(TenantId tenant) {
    return child(root, Objects.requireNonNull(tenant, "tenant").value());
  }

  /**
   * Resolves one name below a folder and proves it is a direct child of it; the validated ids and
   * names already guarantee this, the check keeps it true if validation ever loosens.
   */
  private static Path child(Path dir, String name) {
    Path resolved = dir.resolve(name).normalize();
    if (!resolved.startsWith(dir) || !dir.equals(resolved.getParent())) {
      throw new UdbException(
          ErrorCode.ARTIFACT_NAME_INVALID,
          "Name '" + name + "' does not stay inside its folder; use a plain file name");
    }
    return resolved;
  }

  private Optional<Path> existingJobDir(TenantId tenant, JobId jobId) throws IOException {
    Path tenantDir = tenantDir(tenant);
    if (!existingDirectory(tenantDir)) {
      return Optional.empty();
    }
    Path jobDir = child(tenantDir, Objects.requireNonNull(jobId, "jobId").value());
    return existingDirectory(jobDir) ? Optional.of(jobDir) : Optional.empty();
  }

  private Path ensureJobDir(TenantId tenant, JobId jobId) throws IOException {
    Path tenantDir = tenantDir(tenant);
    Path jobDir = child(tenantDir, jobId.value());
    for (int attempt = 1; ; attempt++) {
      try {
        ensureDirectory(tenantDir);
        ensureDirectory(jobDir);
        return jobDir;
      } catch (NoSuchFileException e) {
        // A prune removed the tenant folder while it was empty; create it again.
        if (attempt == DIRECTORY_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void ensureDirectory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      // Whatever is there is checked below.
    }
    if (!existingDirectory(dir)) {
      throw new NoSuchFileException(relative(dir).toString());
    }
  }

  /**
   * Whether a real directory exists at the path.
   *
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the path is a symbolic link,
   *     lies below one, or is not a directory
   */
  private boolean existingDirectory(Path dir) throws IOException {
    return switch (kind(dir)) {
      case MISSING -> false;
      case DIRECTORY -> true;
      case LINK -> throw linkRefused(dir);
      case OTHER ->
          throw new UdbException(
              ErrorCode.STORAGE_ERROR,
              "'" + relative(dir) + "' in the artifact store is not a directory; remove it");
    };
  }

  private boolean isPlainDirectory(Path dir, String what) throws IOException {
    Kind kind = kind(dir);
    if (kind == Kind.LINK || kind == Kind.OTHER) {
      LOG.warn(
          "Skipping '{}' in the artifact store: a {} entry must be a directory, not a {}",
          relative(dir),
          what,
          kind == Kind.LINK ? "symbolic link" : "file");
    }
    return kind == Kind.DIRECTORY;
  }

  private enum Kind {
    MISSING,
    DIRECTORY,
    LINK,
    OTHER
  }

  private static Kind kind(Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Kind.MISSING;
    }
    if (attributes.isSymbolicLink()) {
      return Kind.LINK;
    }
    if (!attributes.isDirectory()) {
      return Kind.OTHER;
    }
    // A link anywhere on the way would make the real location differ from the expected one.
    return path.toRealPath().equals(path) ? Kind.DIRECTORY : Kind.LINK;
  }

  private void refuseLink(Path file) {
    if (Files.isSymbolicLink(file)) {
      throw linkRefused(file);
    }
  }

  private UdbException linkRefused(Path path) {
    return new UdbException(
        ErrorCode.STORAGE_ERROR,
        "'"
            + relative(path)
            + "' in the artifact store is a symbolic link; links are never followed, remove it");
  }

  private Path relative(Path path) {
    return path.startsWith(root) ? root.relativize(path) : path.getFileName();
  }

  private <T> Optional<T> parseName(Path entry, Function<String, T> parser, String what) {
    String name = entry.getFileName().toString();
    try {
      return Optional.of(parser.apply(name));
    } catch (UdbException e) {
      LOG.warn("Skipping '{}' in the artifact store: not a valid {} name", relative(entry), what);
      return Optional.empty();
    }
  }

  private List<ArtifactInfo> entries(Path jobDir, TenantId tenant, JobId jobId) throws IOException {
    return readManifest(jobDir, tenant, jobId).map(ArtifactManifest::artifacts).orElse(List.of());
  }

  private Optional<ArtifactManifest> readManifest(Path jobDir, TenantId tenant, JobId jobId)
      throws IOException {
    Path file = jobDir.resolve(MANIFEST_FILE);
    refuseLink(file);
    byte[] json;
    try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
      json = in.readAllBytes();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(ManifestCodec.decode(json, tenant, jobId));
  }

  /** Replaces the entry of the same name in place, or appends. */
  private static List<ArtifactInfo> withEntry(List<ArtifactInfo> entries, ArtifactInfo info) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).name().equals(info.name())) {
        entries.set(i, info);
        return entries;
      }
    }
    entries.add(info);
    return entries;
  }

  private static void writeManifest(Path jobDir, ArtifactManifest manifest) throws IOException {
    Path temp = Files.createTempFile(jobDir, TEMP_PREFIX, ".json");
    try {
      writeDurably(new ByteArrayInputStream(ManifestCodec.encode(manifest)), temp);
      Files.move(temp, jobDir.resolve(MANIFEST_FILE), ATOMIC_MOVE, REPLACE_EXISTING);
      temp = null;
      syncDirectory(jobDir);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  private record Digest(long size, String sha256) {}

  /** Copies the stream into the file, hashing on the way, and forces the bytes to disk. */
  private static Digest writeDurably(InputStream in, Path file) throws IOException {
    MessageDigest sha256 = sha256();
    long size = 0;
    byte[] buffer = new byte[BUFFER_SIZE];
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, NOFOLLOW_LINKS)) {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        size += n;
      }
      out.force(true);
    }
    return new Digest(size, HexFormat.of().formatHex(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UdbException(ErrorCode.INTERNAL, "The JDK offers no SHA-256", e);
    }
  }

  private static void syncDirectory(Path dir) {
    // Makes the rename itself durable on POSIX systems. Some platforms cannot open a directory;
    // the rename is atomic either way, only durability across power loss is weaker there.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot sync directory {}", dir, e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    // walkFileTree does not follow links by default: a link inside is deleted, not its target.
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete temporary file {}", file, e);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    return entries;
  }

  private static String contentType(ArtifactName name, String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return ContentTypes.guess(name);
    }
    String type = contentType.strip();
    if (!CONTENT_TYPE.matcher(type).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Content type must be 1-255 printable ASCII characters, e.g. 'text/html'");
    }
    return type;
  }

  private static UdbException storageError(String action, IOException e) {
    return new UdbException(
        ErrorCode.STORAGE_ERROR,
        "Could not " + action + " (" + e.getMessage() + "); check the artifact root's permissions",
        e);
  }
}
