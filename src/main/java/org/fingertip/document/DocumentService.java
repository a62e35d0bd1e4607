package org.fingertip.document;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.assistance.AssistanceJson;
import org.fingertip.assistance.Material;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.VertxContexts;

/**
 * Uploads and downloads of documents. An upload arrives spooled to a temporary file by RESTEasy
 * Reactive's multipart handling (never on the heap); here it is checked (size, declared type
 * against the item's materials, magic bytes), streamed from that file to object storage under a
 * random key with SHA-256 computed on the way, and only then recorded in PostgreSQL. If the record
 * cannot be written the object is deleted; if the store fails nothing is recorded.
 */
@ApplicationScoped
public class DocumentService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CHUNK = 64 * 1024;

  private final DocumentRecords records;
  private final ObjectStorage storage;
  private final DocumentConfig config;
  private final AssistanceJson json;
  private final AppClock clock;

  public DocumentService(
      DocumentRecords records,
      ObjectStorage storage,
      DocumentConfig config,
      AssistanceJson json,
      AppClock clock) {
    this.records = records;
    this.json = json;
    this.storage = storage;
    this.config = config;
    this.clock = clock;
  }

  /** The upload as the multipart handler left it on disk. */
  public record Upload(Path file, String fileName, String contentType, long size) {}

  /** A document's bytes on their way to the client. */
  public record Content(Document document, Multi<byte[]> bytes) {}

  public Uni<DocumentView> upload(UUID me, UUID applicationId, String type, Upload upload) {
    if (type == null || type.isBlank()) {
      return Uni.createFrom().failure(ProblemException.invalidField("type", "REQUIRED", "请选择材料类型"));
    }
    if (upload == null) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("file", "REQUIRED", "请选择要上传的文件"));
    }
    if (upload.size() > config.maxSizeBytes()) {
      return Uni.createFrom().failure(tooLarge());
    }
    if (upload.size() == 0) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("file", "EMPTY", "文件是空的，请重新选择"));
    }
    return records
        .target(me, applicationId)
        .chain(
            target -> {
              Material material = material(target, type.trim());
              if (material == null) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                                422,
                                "DOCUMENT_TYPE_UNKNOWN",
                                "“" + target.item().name + "”不需要这类材料，请按材料清单上传",
                                List.of(new Problem.FieldError("type", "UNKNOWN", "没有这类材料")),
                                Map.of(),
                                Map.of())
                            .with("acceptedMaterials", materialTypes(target)));
              }
              return VertxContexts.blocking(() -> head(upload.file()))
                  .map(head -> contentType(upload, head, material))
                  .chain(contentType -> store(me, applicationId, material, upload, contentType));
            });
  }

  private Uni<DocumentView> store(
      UUID me, UUID applicationId, Material material, Upload upload, String contentType) {
    String key = newKey();
    return VertxContexts.blocking(() -> open(upload.file()))
        .chain(
            in ->
                storage.put(key, in, upload.size(), contentType).eventually(() -> closeQuietly(in)))
        .chain(
            stored -> {
              Document d = new Document();
              d.id = UUID.randomUUID();
              d.type = material.type();
              d.fileName = safeName(upload.fileName());
              d.contentType = contentType;
              d.sizeBytes = stored.size();
              d.sha256 = stored.sha256();
              d.objectKey = key;
              d.uploadedBy = me;
              d.uploadedAt = clock.instant();
              return records
                  .save(me, applicationId, d)
                  .onFailure()
                  .call(
                      e ->
                          storage
                              .delete(key)
                              .onFailure()
                              .invoke(
                                  x ->
                                      Log.warnf(
                                          "Could not remove object %s after a failed save: %s",
                                          key, x.toString()))
                              .onFailure()
                              .recoverWithNull());
            });
  }

  /**
   * Documents of drafts withdrawn more than 30 days ago (and used nowhere else) are deleted: rows
   * first, then the objects. Called by the scheduler and by tests after moving the clock.
   */
  public Uni<Integer> purgeWithdrawnDrafts() {
    return records
        .purgeWithdrawnDrafts(clock.instant().minus(java.time.Duration.ofDays(30)))
        .chain(
            keys -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String key : keys) {
                chain =
                    chain.chain(
                        () ->
                            storage
                                .delete(key)
                                .onFailure()
                                .invoke(
                                    e -> Log.warnf("Could not remove %s: %s", key, e.toString()))
                                .onFailure()
                                .recoverWithNull());
              }
              return chain.replaceWith(keys.size());
            });
  }

  @io.quarkus.scheduler.Scheduled(
      every = "6h",
      delayed = "5m",
      concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduledPurge() {
    return purgeWithdrawnDrafts()
        .invoke(n -> Log.infof("Purged %d documents of withdrawn drafts", n))
        .onFailure()
        .invoke(e -> Log.warnf("Document purge failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  public Uni<List<DocumentView>> attach(UUID me, UUID applicationId, UUID documentId) {
    return records.attach(me, applicationId, documentId);
  }

  public Uni<Void> delete(UUID me, UUID documentId, UUID applicationId) {
    return records
        .delete(me, documentId, applicationId)
        .chain(
            removal ->
                removal.objectKey() == null
                    ? Uni.createFrom().voidItem()
                    : storage
                        .delete(removal.objectKey())
                        .onFailure()
                        .invoke(
                            e ->
                                Log.warnf(
                                    "Object %s left after its document was deleted: %s",
                                    removal.objectKey(), e.toString()))
                        .onFailure()
                        .recoverWithNull());
  }

  public Uni<Content> contentForCitizen(UUID me, UUID documentId) {
    return records.forCitizen(me, documentId).chain(this::content);
  }

  public Uni<Content> contentForStaff(StaffScope staff, UUID documentId) {
    return records.forStaff(staff, documentId).chain(this::content);
  }

  /** Streams the object in chunks, read on a worker as the client asks for more. */
  private Uni<Content> content(Document d) {
    return storage
        .get(d.objectKey)
        .map(
            in ->
                new Content(
                    d,
                    Multi.createBy()
                        .repeating()
                        .supplier(() -> read(in))
                        .until(chunk -> chunk.length == 0)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onTermination()
                        .invoke(() -> closeQuietly(in))));
  }

  private static byte[] read(InputStream in) {
    try {
      byte[] buffer = new byte[CHUNK];
      int n = in.readNBytes(buffer, 0, CHUNK);
      return n == CHUNK ? buffer : Arrays.copyOf(buffer, Math.max(n, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String contentType(Upload upload, byte[] head, Material material) {
    String declared = FileTypes.declared(upload.contentType(), upload.fileName());
    String actual = FileTypes.detect(head, head.length);
    if (declared != null && !FileTypes.SUPPORTED.contains(declared)) {
      throw unsupported();
    }
    if (actual == null) {
      throw declared == null ? unsupported() : mismatch();
    }
    if (declared != null && !declared.equals(actual)) {
      throw mismatch();
    }
    if (!material.accepts(actual)) {
      throw new ProblemException(
              415,
              "FILE_TYPE_NOT_ACCEPTED",
              material.name() + "只接受以下格式：" + String.join("、", material.acceptedTypes()))
          .with("acceptedTypes", material.acceptedTypes());
    }
    return actual;
  }

  private Material material(DocumentRecords.Target target, String type) {
    return json.materials(target.item()).stream()
        .filter(m -> m.type().equals(type))
        .findFirst()
        .orElse(null);
  }

  private List<String> materialTypes(DocumentRecords.Target target) {
    return json.materials(target.item()).stream().map(Material::type).toList();
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(FileTypes.HEADER_LENGTH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }

  /** 32 random bytes: the key cannot be guessed, and says nothing about owner or content. */
  private static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "documents/" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String safeName(String name) {
    if (name == null) {
      return null;
    }
    String base = name.replaceAll("[\\\\/\\p{Cntrl}\"]", "_").trim();
    return base.length() > 200 ? base.substring(base.length() - 200) : base;
  }

  private ProblemException tooLarge() {
    return new ProblemException(
            413, "FILE_TOO_LARGE", "文件超过 " + config.maxSizeBytes() / (1024 * 1024) + " MB，请压缩后再上传")
        .with("maxSizeBytes", config.maxSizeBytes());
  }

  private static ProblemException unsupported() {
    return new ProblemException(415, "FILE_TYPE_NOT_SUPPORTED", "只支持 PDF、JPEG、PNG、HEIC 格式的文件")
        .with("supportedTypes", List.copyOf(FileTypes.SUPPORTED));
  }

  private static ProblemException mismatch() {
    return ProblemException.unprocessable("FILE_CONTENT_MISMATCH", "文件内容与其声明的格式不符，请重新选择原始文件");
  }
}
