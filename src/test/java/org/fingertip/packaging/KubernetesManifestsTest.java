package org.fingertip.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Kubernetes manifests in {@code k8s/}: every YAML file parses (built-in kinds into
 * their typed fabric8 model, without unknown fields), each overlay renders with Kustomize
 * semantics, and the rendered result keeps the deployment rules: real health endpoints on the app's
 * port, resources and a hardened security context on every container, pinned images, only
 * placeholder secrets, network isolation, and in prod several replicas with a PDB and an HPA.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("k8s");
  private static final String LIVE = "/q/health/live";
  private static final String READY = "/q/health/ready";
  private static final Pattern PLACEHOLDER_ENV_LINE =
      Pattern.compile("export [A-Z0-9_]+=\"REPLACE_ME\"");
  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Properties APP = applicationProperties();

  @org.junit.jupiter.api.Test
  void shouldParseEveryYamlFileAsItsKindWithoutUnknownFields() throws IOException {
    List<Path> files = yamlFiles();
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      List<Map<String, Object>> docs = Kustomize.load(file);
      assertThat(docs).as(file.toString()).isNotEmpty();
      for (Map<String, Object> doc : docs) {
        String where = file + " " + doc.get("kind") + "/" + nameOf(doc);
        assertThat(doc.get("apiVersion")).as(where + " apiVersion").isInstanceOf(String.class);
        assertThat(doc.get("kind")).as(where + " kind").isInstanceOf(String.class);
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          assertThat(doc.get("kind")).isEqualTo("Kustomization");
          continue;
        }
        assertThat(nameOf(doc)).as(where + " metadata.name").isNotBlank();
        if (file.getFileName().toString().endsWith("-patch.yaml")) {
          continue; // partial by nature; checked once rendered
        }
        HasMetadata typed = typed(doc);
        if (Kustomize.builtIn(doc)) {
          assertThat(typed)
              .as(where + " must map onto its built-in model class")
              .isNotInstanceOf(GenericKubernetesResource.class);
          List<String> unknown = new ArrayList<>();
          unknownFields(typed, doc.get("kind").toString(), unknown);
          assertThat(unknown).as(where + ": fields the Kubernetes API does not know").isEmpty();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void shouldRenderOverlayWithSafeApp(String overlay) {
    List<Map<String, Object>> rendered = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
    String namespace = "fingertip-" + overlay;
    for (Map<String, Object> doc : rendered) {
      String where = overlay + " " + doc.get("kind") + "/" + nameOf(doc);
      assertThat(doc.get("apiVersion")).as(where).isNotNull();
      assertThat(nameOf(doc)).as(where).isNotBlank();
      if (!doc.get("kind").equals("Namespace")) {
        assertThat(Kustomize.metadata(doc).get("namespace")).as(where).isEqualTo(namespace);
      }
      assertThat(doc.get("kind"))
          .as(where + ": secrets are created outside the kustomization")
          .isNotEqualTo("Secret");
      typed(doc); // still parses after patching
    }
    assertThat(kinds(rendered))
        .contains(
            "Namespace",
            "Deployment",
            "Service",
            "Ingress",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "ServiceMonitor",
            "NetworkPolicy",
            "ConfigMap",
            "Cluster",
            "Tenant",
            "ObjectStore",
            "ScheduledBackup");

    for (Map<String, Object> doc : rendered) {
      if (WORKLOADS.contains(doc.get("kind"))) {
        checkWorkload(overlay, doc);
      }
      checkImagesPinned(overlay, doc);
    }

    Deployment app = one(rendered, Deployment.class, "fingertip");
    checkApp(app, rendered);
    checkNetworkPolicies(rendered);
    checkDatabaseAndStorage(overlay, rendered);

    HorizontalPodAutoscaler hpa = one(rendered, HorizontalPodAutoscaler.class, "fingertip");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("fingertip");
    assertThat(hpa.getSpec().getMetrics())
        .anyMatch(m -> m.getResource() != null && m.getResource().getName().equals("cpu"));
    PodDisruptionBudget pdb = one(rendered, PodDisruptionBudget.class, "fingertip");
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(app.getSpec().getSelector().getMatchLabels());

    if (overlay.equals("prod")) {
      assertThat(app.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
      assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
      assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    } else {
      assertThat(app.getSpec().getReplicas()).isEqualTo(1);
    }
  }

  @org.junit.jupiter.api.Test
  void shouldHoldOnlyPlaceholdersInSecrets() throws IOException {
    int secrets = 0;
    for (Path file : yamlFiles()) {
      for (Map<String, Object> doc : Kustomize.load(file)) {
        if (!"Secret".equals(doc.get("kind"))) {
          continue;
        }
        secrets++;
        String where = file + " Secret/" + nameOf(doc);
        assertThat(doc)
            .as(where + ": base64 data hides what is committed")
            .doesNotContainKey("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) doc.get("stringData");
        assertThat(values).as(where).isNotEmpty();
        values.forEach(
            (key, value) ->
                assertThat(isPlaceholder(String.valueOf(value)))
                    .as("%s key %s must be REPLACE_ME, found a real-looking value", where, key)
                    .isTrue());
      }
    }
    assertThat(secrets).as("templates for every secret the manifests reference").isGreaterThan(4);
  }

  @org.junit.jupiter.api.Test
  void shouldGiveTheAppKeyOnlyItsBucketAndExpireOrphanUploads() throws IOException {
    Map<String, Object> config =
        Kustomize.load(K8S.resolve("base/minio-setup.yaml")).stream()
            .filter(d -> d.get("kind").equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, String> data = (Map<String, String>) config.get("data");
    String bucket = APP.getProperty("fingertip.storage.bucket");
    JsonNode policy = JSON.readTree(data.get("app-policy.json"));
    assertThat(policy.get("Statement")).isNotEmpty();
    for (JsonNode statement : policy.get("Statement")) {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      for (JsonNode resource : statement.get("Resource")) {
        assertThat(resource.asText())
            .isIn("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*");
      }
      for (JsonNode action : statement.get("Action")) {
        assertThat(action.asText())
            .startsWith("s3:")
            .doesNotContain("*")
            .isNotIn("s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPolicy");
      }
    }
    JsonNode rule = JSON.readTree(data.get("lifecycle.json")).get("Rules").get(0);
    assertThat(rule.get("Status").asText()).isEqualTo("Enabled");
    assertThat(rule.at("/Filter/Prefix").asText()).isEqualTo("tmp/");
    assertThat(rule.at("/Expiration/Days").asInt()).isPositive();
  }

  /** The renderer above agrees with the real Kustomize (kubectl kustomize) where one exists. */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void shouldRenderLikeKubectlKustomize(String overlay) throws Exception {
    Optional<Path> kubectl =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(p -> Path.of(p, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();
    Assumptions.assumeTrue(kubectl.isPresent(), "kubectl not installed");
    Process process =
        new ProcessBuilder(
                kubectl.get().toString(),
                "kustomize",
                K8S.resolve("overlays").resolve(overlay).toString())
            .redirectErrorStream(true)
            .start();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readAllBytes();
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    Path tmp = Files.createTempFile("kustomize-" + overlay, ".yaml");
    try {
      Files.writeString(tmp, text);
      Map<String, Object> expected = byId(Kustomize.load(tmp));
      Map<String, Object> actual = byId(Kustomize.render(K8S.resolve("overlays").resolve(overlay)));
      JsonNode actualTree = JSON.valueToTree(actual);
      JsonNode expectedTree = JSON.valueToTree(expected);
      assertThat(actualTree).isEqualTo(expectedTree);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkWorkload(String overlay, Map<String, Object> doc) {
    HasMetadata typed = typed(doc);
    PodSpec pod;
    if (typed instanceof Deployment d) {
      pod = d.getSpec().getTemplate().getSpec();
    } else if (typed instanceof Job j) {
      pod = j.getSpec().getTemplate().getSpec();
    } else {
      throw new AssertionError("add a case for " + typed.getKind());
    }
    String where = overlay + " " + typed.getKind() + "/" + typed.getMetadata().getName();
    PodSecurityContext podSecurity =
        Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()));
    assertThat(containers).as(where).isNotEmpty();
    for (Container c : containers) {
      String at = where + " container " + c.getName();
      assertThat(c.getResources()).as(at + " resources").isNotNull();
      assertThat(c.getResources().getRequests()).as(at + " requests").containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as(at + " limits").containsKeys("cpu", "memory");
      SecurityContext sc = c.getSecurityContext();
      assertThat(sc).as(at + " securityContext").isNotNull();
      boolean nonRoot =
          Boolean.TRUE.equals(sc.getRunAsNonRoot())
              || (sc.getRunAsNonRoot() == null
                  && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()));
      assertThat(nonRoot).as(at + " runAsNonRoot").isTrue();
      Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : podSecurity.getRunAsUser();
      assertThat(uid).as(at + " runAsUser").isNotNull().isNotZero();
      assertThat(sc.getReadOnlyRootFilesystem()).as(at + " readOnlyRootFilesystem").isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).as(at + " allowPrivilegeEscalation").isFalse();
      assertThat(sc.getPrivileged()).as(at + " privileged").isNotEqualTo(Boolean.TRUE);
      assertThat(sc.getCapabilities()).as(at + " capabilities").isNotNull();
      assertThat(sc.getCapabilities().getDrop()).as(at + " drop").contains("ALL");
      assertThat(sc.getCapabilities().getAdd()).as(at + " add").isNullOrEmpty();
      String seccomp =
          sc.getSeccompProfile() != null
              ? sc.getSeccompProfile().getType()
              : podSecurity.getSeccompProfile() == null
                  ? null
                  : podSecurity.getSeccompProfile().getType();
      assertThat(seccomp).as(at + " seccomp").isEqualTo("RuntimeDefault");
    }
    assertThat(pod.getAutomountServiceAccountToken()).as(where + " API token").isFalse();
  }

  @SuppressWarnings("unchecked")
  private static void checkImagesPinned(String overlay, Object node) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if ((e.getKey().equals("image") || e.getKey().equals("imageName"))
            && e.getValue() instanceof String image) {
          String repository = Kustomize.repository(image);
          String rest = image.substring(repository.length());
          assertThat(rest)
              .as("%s image %s must carry a tag or digest", overlay, image)
              .matches("(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?(@sha256:[0-9a-f]{64})?")
              .isNotEmpty()
              .isNotEqualTo(":latest");
        } else {
          checkImagesPinned(overlay, e.getValue());
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(item -> checkImagesPinned(overlay, item));
    }
  }

  private static void checkApp(Deployment app, List<Map<String, Object>> rendered) {
    int httpPort = Integer.parseInt(APP.getProperty("quarkus.http.port"));
    PodSpec pod = app.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(httpPort);
    assertProbe(c.getReadinessProbe(), READY, c, httpPort, "readiness");
    assertProbe(c.getLivenessProbe(), LIVE, c, httpPort, "liveness");
    assertThat(c.getStartupProbe()).as("startup probe").isNotNull();
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isIn(LIVE, "/q/health/started");
    assertThat(port(c, c.getStartupProbe().getHttpGet())).isEqualTo(httpPort);
    // the readiness probe must outwait the storage check's own 3 s timeout
    assertThat(c.getReadinessProbe().getTimeoutSeconds()).isGreaterThan(3);

    assertThat(app.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(app.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getValue())
        .isIn(0, "0", "0%");
    assertThat(pod.getTopologySpreadConstraints())
        .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname"));

    // SIGTERM arrives after preStop; Quarkus then delays (readiness DOWN) and drains in-flight
    // requests for up to quarkus.shutdown.timeout: the kubelet must not SIGKILL before that.
    Map<String, String> config = configMap(rendered, "fingertip-config");
    long preStop =
        Long.parseLong(c.getLifecycle().getPreStop().getExec().getCommand().get(1).trim());
    long delay = seconds(config.getOrDefault("QUARKUS_SHUTDOWN_DELAY", "0s"));
    long timeout = seconds(APP.getProperty("quarkus.shutdown.timeout"));
    assertThat(pod.getTerminationGracePeriodSeconds())
        .as("terminationGracePeriodSeconds > preStop + delay + shutdown timeout")
        .isGreaterThan(preStop + delay + timeout);

    // read-only root filesystem: /tmp (uploads, JVM) is an emptyDir; uploads are buffered there
    assertThat(c.getVolumeMounts())
        .anyMatch(
            m ->
                m.getMountPath().equals("/tmp")
                    && pod.getVolumes().stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
    assertThat(config.get("QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY")).startsWith("/tmp/");

    // every setting the prod profile requires reaches the container
    Map<String, EnvVar> env = new HashMap<>();
    c.getEnv().forEach(e -> env.put(e.getName(), e));
    Set<String> required =
        Set.of(
            "FINGERTIP_DB_URL",
            "FINGERTIP_DB_USER",
            "FINGERTIP_DB_PASSWORD",
            "FINGERTIP_STORAGE_ENDPOINT",
            "FINGERTIP_STORAGE_ACCESS_KEY",
            "FINGERTIP_STORAGE_SECRET_KEY",
            "FINGERTIP_JWT_PUBLIC_KEY_LOCATION",
            "FINGERTIP_JWT_PRIVATE_KEY_LOCATION");
    for (String name : required) {
      assertThat(env.containsKey(name) || config.containsKey(name)).as(name).isTrue();
    }
    assertThat(c.getEnvFrom())
        .anyMatch(
            f -> f.getSecretRef() != null && f.getSecretRef().getName().equals("fingertip-pii"));
    assertThat(config.get("FINGERTIP_STORAGE_BUCKET"))
        .isEqualTo(APP.getProperty("fingertip.storage.bucket"));

    // the database credentials are CloudNativePG's generated "<cluster>-app" secret
    String cluster = nameOf(only(rendered, "Cluster"));
    assertThat(env.get("FINGERTIP_DB_USER").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(cluster + "-app");
    assertThat(env.get("FINGERTIP_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(cluster + "-app");
    assertThat(config.get("FINGERTIP_DB_URL"))
        .matches("postgresql://" + cluster + "-rw(:5432)?/fingertip");

    // the JWT key files are in the mounted secret
    String jwtMount =
        c.getVolumeMounts().stream()
            .filter(m -> m.getName().equals("jwt"))
            .findFirst()
            .orElseThrow()
            .getMountPath();
    assertThat(config.get("FINGERTIP_JWT_PUBLIC_KEY_LOCATION")).startsWith(jwtMount + "/");
    assertThat(config.get("FINGERTIP_JWT_PRIVATE_KEY_LOCATION")).startsWith(jwtMount + "/");
    assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals("jwt") && v.getSecret() != null);

    // Service -> pods on the HTTP port; Ingress -> Service with TLS and the upload size limit
    Service service = one(rendered, Service.class, "fingertip");
    assertThat(app.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).hasSize(1);
    String targetPort = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
    assertThat(c.getPorts()).anyMatch(p -> p.getName().equals(targetPort));
    Ingress ingress = one(rendered, Ingress.class, "fingertip");
    assertThat(ingress.getSpec().getTls()).isNotEmpty();
    assertThat(ingress.getSpec().getTls().get(0).getHosts())
        .contains(ingress.getSpec().getRules().get(0).getHost());
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry(
            "nginx.ingress.kubernetes.io/proxy-body-size",
            APP.getProperty("quarkus.http.limits.max-body-size").toLowerCase());
    ingress.getSpec().getRules().stream()
        .flatMap(r -> r.getHttp().getPaths().stream())
        .forEach(
            p -> {
              assertThat(p.getBackend().getService().getName()).isEqualTo("fingertip");
              assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
              assertThat(p.getPath()).as("/q/* stays inside the cluster").doesNotStartWith("/q");
            });

    // metrics: a ServiceMonitor on /q/metrics of that Service port
    Map<String, Object> monitor = only(rendered, "ServiceMonitor");
    JsonNode monitorTree = JSON.valueToTree(monitor);
    assertThat(monitorTree.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    assertThat(monitorTree.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.getSpec().getPorts().get(0).getName());
  }

  private static void checkNetworkPolicies(List<Map<String, Object>> rendered) {
    List<NetworkPolicy> policies = all(rendered, NetworkPolicy.class);
    NetworkPolicy deny =
        policies.stream()
            .filter(
                p ->
                    p.getSpec().getPodSelector().getMatchLabels() == null
                        || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
            .filter(
                p ->
                    p.getSpec().getPodSelector().getMatchExpressions() == null
                        || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy"));
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

    NetworkPolicy app = policyFor(policies, "app.kubernetes.io/name", "fingertip");
    // only the ingress controller (and Prometheus, for /q/metrics) reach the app, on 8080 only
    app.getSpec()
        .getIngress()
        .forEach(
            rule -> {
              assertThat(rule.getPorts())
                  .extracting(p -> p.getPort().getIntVal())
                  .containsOnly(8080);
              for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getNamespaceSelector()).isNotNull();
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsKey("kubernetes.io/metadata.name");
                assertThat(
                        peer.getNamespaceSelector()
                            .getMatchLabels()
                            .get("kubernetes.io/metadata.name"))
                    .isIn("ingress-nginx", "monitoring");
              }
            });
    assertThat(app.getSpec().getIngress())
        .anyMatch(
            r ->
                r.getFrom().stream()
                    .anyMatch(
                        p ->
                            "ingress-nginx"
                                .equals(
                                    p.getNamespaceSelector()
                                        .getMatchLabels()
                                        .get("kubernetes.io/metadata.name"))));
    String cluster = nameOf(only(rendered, "Cluster"));
    String tenant = nameOf(only(rendered, "Tenant"));
    assertThat(egressPorts(app, "cnpg.io/cluster", cluster)).containsExactly(5432);
    assertThat(egressPorts(app, "v1.min.io/tenant", tenant)).containsExactly(9000);
    assertThat(app.getSpec().getEgress())
        .as("DNS")
        .anyMatch(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 53));
    assertThat(app.getSpec().getEgress())
        .as("WeChat API over HTTPS")
        .anyMatch(
            r ->
                r.getPorts().stream().allMatch(p -> p.getPort().getIntVal() == 443)
                    && r.getTo().stream().allMatch(t -> t.getIpBlock() != null));

    // only the app (and the database's own instances/operator) reach PostgreSQL and MinIO
    NetworkPolicy db = policyFor(policies, "cnpg.io/cluster", cluster);
    assertThat(allowedFromPods(db, 5432))
        .contains("app.kubernetes.io/name=fingertip")
        .allMatch(
            s ->
                s.equals("app.kubernetes.io/name=fingertip")
                    || s.equals("cnpg.io/cluster=" + cluster));
    NetworkPolicy minio = policyFor(policies, "v1.min.io/tenant", tenant);
    assertThat(allowedFromPods(minio, 9000))
        .contains("app.kubernetes.io/name=fingertip")
        .allMatch(
            s ->
                Set.of(
                        "app.kubernetes.io/name=fingertip",
                        "app.kubernetes.io/name=fingertip-minio-setup",
                        "v1.min.io/tenant=" + tenant)
                    .contains(s));
  }

  @SuppressWarnings("unchecked")
  private static void checkDatabaseAndStorage(String overlay, List<Map<String, Object>> rendered) {
    JsonNode cluster = JSON.valueToTree(only(rendered, "Cluster"));
    JsonNode tenant = JSON.valueToTree(only(rendered, "Tenant"));
    JsonNode store = JSON.valueToTree(only(rendered, "ObjectStore"));
    JsonNode scheduled = JSON.valueToTree(only(rendered, "ScheduledBackup"));
    assertThat(cluster.at("/spec/bootstrap/initdb/database").asText()).isEqualTo("fingertip");
    assertThat(cluster.at("/spec/bootstrap/initdb/encoding").asText()).isEqualTo("UTF8");
    assertThat(cluster.at("/spec/bootstrap/initdb/localeCType").asText()).isEqualTo("C.UTF-8");
    // backups: the WAL archiver plugin points at the ObjectStore, and a schedule exists
    assertThat(cluster.at("/spec/plugins/0/isWALArchiver").asBoolean()).isTrue();
    assertThat(cluster.at("/spec/plugins/0/parameters/barmanObjectName").asText())
        .isEqualTo(store.at("/metadata/name").asText());
    assertThat(store.at("/spec/configuration/destinationPath").asText()).startsWith("s3://");
    assertThat(scheduled.at("/spec/cluster/name").asText())
        .isEqualTo(cluster.at("/metadata/name").asText());
    // no transaction-mode Pooler: the reactive client's named prepared statements need sessions
    for (Map<String, Object> doc : rendered) {
      if (doc.get("kind").equals("Pooler")) {
        assertThat(JSON.valueToTree(doc).at("/spec/pgbouncer/poolMode").asText())
            .isEqualTo("session");
      }
    }
    // connections: every pod's reactive pool (+2 JDBC for Flyway) fits under max_connections
    int maxPods =
        one(rendered, HorizontalPodAutoscaler.class, "fingertip").getSpec().getMaxReplicas();
    int perPod = Integer.parseInt(APP.getProperty("quarkus.datasource.reactive.max-size")) + 2;
    int maxConnections = cluster.at("/spec/postgresql/parameters/max_connections").asInt();
    assertThat(maxPods * perPod)
        .as("app connections at HPA max, leaving room for replication and superuser slots")
        .isLessThanOrEqualTo(maxConnections - 20);
    assertThat(tenant.at("/spec/buckets/0/name").asText())
        .isEqualTo(APP.getProperty("fingertip.storage.bucket"));
    assertThat(tenant.at("/spec/requestAutoCert").isBoolean()).isTrue();

    if (overlay.equals("prod")) {
      assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
      assertThat(cluster.at("/spec/postgresql/synchronous/number").asInt())
          .isGreaterThanOrEqualTo(1);
      JsonNode pool = tenant.at("/spec/pools/0");
      assertThat(pool.get("servers").asInt()).as("distributed MinIO").isGreaterThanOrEqualTo(4);
      assertThat(pool.get("servers").asInt() * pool.get("volumesPerServer").asInt())
          .isGreaterThanOrEqualTo(16);
      assertThat(tenant.at("/spec/env").findValuesAsText("value")).contains("EC:4");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertProbe(Probe probe, String path, Container c, int port, String what) {
    assertThat(probe).as(what).isNotNull();
    assertThat(probe.getHttpGet()).as(what + " httpGet").isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
    assertThat(port(c, probe.getHttpGet())).as(what + " port").isEqualTo(port);
  }

  private static int port(Container c, HTTPGetAction get) {
    if (get.getPort().getIntVal() != null) {
      return get.getPort().getIntVal();
    }
    return c.getPorts().stream()
        .filter(p -> p.getName().equals(get.getPort().getStrVal()))
        .findFirst()
        .orElseThrow()
        .getContainerPort();
  }

  private static NetworkPolicy policyFor(List<NetworkPolicy> policies, String key, String value) {
    return policies.stream()
        .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null)
        .filter(p -> value.equals(p.getSpec().getPodSelector().getMatchLabels().get(key)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no NetworkPolicy for " + key + "=" + value));
  }

  private static List<Integer> egressPorts(NetworkPolicy policy, String key, String value) {
    return policy.getSpec().getEgress().stream()
        .filter(
            r ->
                r.getTo().stream()
                    .anyMatch(
                        t ->
                            t.getPodSelector() != null
                                && t.getNamespaceSelector() == null
                                && value.equals(t.getPodSelector().getMatchLabels().get(key))))
        .flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal())
        .toList();
  }

  /** "label=value" of every same-namespace pod selector allowed in on that port. */
  private static List<String> allowedFromPods(NetworkPolicy policy, int port) {
    List<String> selectors = new ArrayList<>();
    policy.getSpec().getIngress().stream()
        .filter(
            r ->
                r.getPorts() == null
                    || r.getPorts().stream()
                        .map(NetworkPolicyPort::getPort)
                        .anyMatch(p -> p.getIntVal() == port))
        .flatMap(r -> r.getFrom().stream())
        .forEach(
            peer -> {
              assertThat(peer.getIpBlock()).as("no address-range access").isNull();
              if (peer.getNamespaceSelector() == null) {
                peer.getPodSelector()
                    .getMatchLabels()
                    .forEach((k, v) -> selectors.add(k + "=" + v));
              } else {
                // operators live in their own namespaces
                assertThat(
                        peer.getNamespaceSelector()
                            .getMatchLabels()
                            .get("kubernetes.io/metadata.name"))
                    .isIn("cnpg-system", "minio-operator", "monitoring");
              }
            });
    return selectors;
  }

  private static boolean isPlaceholder(String value) {
    if (value.equals("REPLACE_ME")) {
      return true;
    }
    List<String> lines = value.lines().filter(l -> !l.isBlank()).toList();
    return !lines.isEmpty()
        && lines.stream().allMatch(l -> PLACEHOLDER_ENV_LINE.matcher(l.trim()).matches());
  }

  private static long seconds(String duration) {
    String value = duration.trim().toLowerCase();
    if (value.startsWith("pt")) {
      return Duration.parse(value.toUpperCase()).toSeconds();
    }
    if (value.endsWith("ms")) {
      return Long.parseLong(value.substring(0, value.length() - 2)) / 1000;
    }
    if (value.endsWith("s")) {
      return Long.parseLong(value.substring(0, value.length() - 1));
    }
    if (value.endsWith("m")) {
      return Long.parseLong(value.substring(0, value.length() - 1)) * 60;
    }
    return Long.parseLong(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> configMap(List<Map<String, Object>> rendered, String name) {
    Map<String, Object> doc =
        rendered.stream()
            .filter(d -> d.get("kind").equals("ConfigMap") && name.equals(nameOf(d)))
            .findFirst()
            .orElseThrow();
    Map<String, String> data = new HashMap<>();
    ((Map<String, Object>) doc.get("data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
    return data;
  }

  private static Map<String, Object> only(List<Map<String, Object>> rendered, String kind) {
    List<Map<String, Object>> found =
        rendered.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(found).as("exactly one " + kind).hasSize(1);
    return found.get(0);
  }

  private static <T extends HasMetadata> T one(
      List<Map<String, Object>> rendered, Class<T> type, String name) {
    return all(rendered, type).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + "/" + name));
  }

  private static <T extends HasMetadata> List<T> all(
      List<Map<String, Object>> rendered, Class<T> type) {
    return rendered.stream()
        .map(KubernetesManifestsTest::typed)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static List<Object> kinds(List<Map<String, Object>> rendered) {
    return rendered.stream().map(d -> d.get("kind")).distinct().toList();
  }

  private static String nameOf(Map<String, Object> doc) {
    Map<String, Object> metadata = Kustomize.metadata(doc);
    return metadata == null ? null : (String) metadata.get("name");
  }

  private static HasMetadata typed(Map<String, Object> doc) {
    try {
      return SERIALIZATION.unmarshal(JSON.writeValueAsString(doc));
    } catch (IOException | RuntimeException e) {
      return fail("does not parse as " + doc.get("kind") + "/" + nameOf(doc) + ": " + e, e);
    }
  }

  private static Map<String, Object> byId(List<Map<String, Object>> docs) {
    Map<String, Object> byId = new java.util.TreeMap<>();
    for (Map<String, Object> doc : docs) {
      byId.put(doc.get("apiVersion") + "/" + doc.get("kind") + "/" + nameOf(doc), doc);
    }
    return byId;
  }

  /** Walks a fabric8 model object: any "additionalProperties" is a field Kubernetes lacks. */
  private static void unknownFields(Object node, String path, List<String> unknown) {
    if (node == null
        || node instanceof String
        || node instanceof Number
        || node instanceof Boolean) {
      return;
    }
    if (node instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        unknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + " " + extra.keySet());
        }
      } else if (!Objects.equals(m.getName(), "getClass")) {
        unknownFields(value, path + "." + m.getName().substring(3), unknown);
      }
    }
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(K8S)) {
      return paths
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  private static Properties applicationProperties() {
    Properties properties = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
      properties.load(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties;
  }
}
