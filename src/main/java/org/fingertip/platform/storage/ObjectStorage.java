package org.fingertip.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.VertxContexts;

/**
 * The only door to object storage. Uses MinIO's async client; the one step that reads a caller's
 * stream runs on a worker thread, and every result is delivered back on the caller's Vert.x context
 * so that a Hibernate Reactive session can be used right after.
 */
@ApplicationScoped
public class ObjectStorage {

  /** Parts of 5 MiB (the S3 minimum) bound the memory one upload of unknown length can take. */
  static final long PART_SIZE = 5L * 1024 * 1024;

  private final StorageConfig config;
  private final MinioAsyncClient client;
  private volatile boolean bucketReady;

  public ObjectStorage(StorageConfig config) {
    this.config = config;
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .retryOnConnectionFailure(false)
            .build();
    this.client =
        MinioAsyncClient.builder()
            .endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey())
            .region(config.region())
            .httpClient(http)
            .build();
  }

  void onStart(@Observes StartupEvent event) {
    ensureBucket()
        .subscribe()
        .with(
            ok -> Log.infof("Object storage bucket %s is ready", config.bucket()),
            e -> Log.warnf("Object storage not reachable at start (%s); will retry", e.toString()));
  }

  public String bucket() {
    return config.bucket();
  }

  /** Creates the bucket if it is missing. */
  public Uni<Void> ensureBucket() {
    if (bucketReady) {
      return Uni.createFrom().voidItem();
    }
    return call(() ->
            client
                .bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())
                .thenCompose(
                    exists ->
                        exists
                            ? CompletableFuture.completedFuture(null)
                            : client
                                .makeBucket(
                                    MakeBucketArgs.builder().bucket(config.bucket()).build())
                                .thenApply(r -> null)))
        .onFailure(ObjectStorage::bucketAlreadyThere)
        .recoverWithNull()
        .invoke(() -> bucketReady = true)
        .replaceWithVoid();
  }

  /** Start-up and a readiness probe may race to create the bucket; the loser is not a failure. */
  private static boolean bucketAlreadyThere(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ErrorResponseException err
          && err.errorResponse() != null
          && ("BucketAlreadyOwnedByYou".equals(err.errorResponse().code())
              || "BucketAlreadyExists".equals(err.errorResponse().code()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** True when the store answers and the bucket exists (creating it if needed). */
  public Uni<Boolean> isAvailable() {
    bucketReady = false;
    return ensureBucket().replaceWith(true).onFailure().recoverWithItem(false);
  }

  /**
   * Streams {@code in} to the store under {@code key}, computing SHA-256 on the way. {@code size}
   * may be -1 when unknown; the stream is then sent in parts of {@link #PART_SIZE}.
   */
  public Uni<StoredObject> put(String key, InputStream in, long size, String contentType) {
    MessageDigest sha256 = sha256();
    CountingDigestStream counted = new CountingDigestStream(in, sha256);
    Uni<StoredObject> upload =
        ensureBucket()
            .chain(
                () ->
                    Uni.createFrom()
                        .completionStage(
                            () ->
                                client.putObject(
                                    PutObjectArgs.builder()
                                        .bucket(config.bucket())
                                        .object(key)
                                        .stream(
                                            counted,
                                            size < 0 ? null : size,
                                            size < 0 ? PART_SIZE : null)
                                        .contentType(contentType)
                                        .build()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
            .map(
                r ->
                    new StoredObject(
                        key,
                        counted.count(),
                        HexFormat.of().formatHex(sha256.digest()),
                        contentType));
    return onCallerContext(translate(upload));
  }

  public Uni<StoredObject> stat(String key) {
    return call(() ->
            client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build()))
        .map(s -> new StoredObject(key, s.size(), null, s.contentType()));
  }

  /** The object's bytes; the caller must close the stream. */
  public Uni<InputStream> get(String key) {
    return this.<InputStream>call(
        () ->
            client
                .getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).build())
                .thenApply(response -> (InputStream) response));
  }

  /** A key with its last-modified time, as listing returns it. */
  public record Listed(String key, java.time.Instant lastModified) {}

  /**
   * Every object under a prefix. The client's listing is a blocking iterator, so it runs on a
   * worker; the keys come back on the caller's context.
   */
  public Uni<java.util.List<Listed>> list(String prefix) {
    return ensureBucket()
        .chain(
            () ->
                translate(
                    VertxContexts.blocking(
                        () -> {
                          java.util.List<Listed> keys = new java.util.ArrayList<>();
                          try {
                            for (var result :
                                client.listObjects(
                                    io.minio.ListObjectsArgs.builder()
                                        .bucket(config.bucket())
                                        .prefix(prefix)
                                        .recursive(true)
                                        .build())) {
                              var item = result.get();
                              keys.add(
                                  new Listed(
                                      item.objectName(),
                                      item.lastModified() == null
                                          ? java.time.Instant.EPOCH
                                          : item.lastModified().toInstant()));
                            }
                          } catch (Exception e) {
                            throw new IllegalStateException("listing " + prefix + " failed", e);
                          }
                          return keys;
                        })));
  }

  public Uni<Void> delete(String key) {
    return call(() ->
            client.removeObject(
                RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build()))
        .replaceWithVoid();
  }

  private <T> Uni<T> call(Supplier<CompletableFuture<T>> operation) {
    return onCallerContext(
        translate(
            Uni.createFrom()
                .deferred(
                    () -> {
                      try {
                        return Uni.createFrom().completionStage(operation.get());
                      } catch (Exception e) {
                        return Uni.createFrom().failure(e);
                      }
                    })));
  }

  private static <T> Uni<T> translate(Uni<T> uni) {
    return uni.onFailure()
        .transform(
            e -> {
              Throwable cause = e;
              while (cause.getCause() != null
                  && (cause instanceof java.util.concurrent.CompletionException
                      || cause instanceof java.util.concurrent.ExecutionException)) {
                cause = cause.getCause();
              }
              if (cause instanceof ProblemException) {
                return cause;
              }
              if (cause instanceof ErrorResponseException err
                  && err.errorResponse() != null
                  && "NoSuchKey".equals(err.errorResponse().code())) {
                return ProblemException.notFound("OBJECT_NOT_FOUND", "文件不存在或已被删除");
              }
              Log.warnf("Object storage call failed: %s", cause.toString());
              return ProblemException.retryLater(
                  503, "STORAGE_UNAVAILABLE", "文件存储服务暂时不可用，请稍后再试", 10);
            });
  }

  /** Results arrive on OkHttp threads; hand them back to the Vert.x context of the caller. */
  private static <T> Uni<T> onCallerContext(Uni<T> uni) {
    return VertxContexts.onCallerContext(uni);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Digests and counts what passes through, without holding any of it. */
  static final class CountingDigestStream extends DigestInputStream {
    private long count;

    CountingDigestStream(InputStream in, MessageDigest digest) {
      super(in, digest);
    }

    @Override
    public int read() throws java.io.IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws java.io.IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}
