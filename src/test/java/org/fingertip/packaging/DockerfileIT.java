package org.fingertip.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The container image cannot be built here (no container runtime, base images need the internet),
 * so this checks what can be checked after {@code package}: every path the Dockerfile copies exists
 * in {@code target/quarkus-app}, the entry point runs the jar that is copied, the base image is
 * pinned, the user is not root and matches the Deployment's, and the exposed port is the app's.
 */
class DockerfileIT {

  private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

  @Test
  void shouldCopyExistingFastJarPathsAndRunAsNonRootOnTheAppPort() throws IOException {
    List<String[]> instructions = instructions();

    List<String> from = arguments(instructions, "FROM");
    assertThat(from).hasSize(1);
    String base = from.get(0);
    assertThat(base).startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
    assertThat(base.substring(base.lastIndexOf(':') + 1))
        .as("pinned base image tag")
        .matches("[0-9][0-9A-Za-z.-]*");

    List<String> copies = arguments(instructions, "COPY");
    assertThat(copies).hasSize(4);
    List<String> targets = new ArrayList<>();
    for (String copy : copies) {
      String[] parts = copy.replaceAll("--chown=\\S+", "").trim().split("\\s+");
      assertThat(parts).as(copy).hasSize(2);
      String source = parts[0];
      assertThat(source).startsWith("target/quarkus-app/");
      assertThat(matches(source)).as("%s exists after package", source).isNotEmpty();
      targets.add(parts[1]);
    }
    assertThat(targets)
        .containsExactlyInAnyOrder(
            "/deployments/lib/", "/deployments/", "/deployments/app/", "/deployments/quarkus/");
    assertThat(matches("target/quarkus-app/*.jar"))
        .extracting(p -> p.getFileName().toString())
        .contains("quarkus-run.jar");

    String env = String.join(" ", arguments(instructions, "ENV"));
    assertThat(env).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    assertThat(env).contains("-Dquarkus.http.host=0.0.0.0");
    assertThat(env).contains("JAVA_MAX_MEM_RATIO=");
    assertThat(arguments(instructions, "ENTRYPOINT"))
        .containsExactly("[ \"/opt/jboss/container/java/run/run-java.sh\" ]");

    List<String> users = arguments(instructions, "USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1);
    assertThat(user).isNotIn("0", "root").matches("[0-9]+");
    // the Deployment runs as that same user
    Map<String, Object> deployment =
        Kustomize.load(Path.of("k8s", "base", "deployment.yaml")).get(0);
    assertThat(deployment.toString()).contains("runAsUser=" + user);

    Properties app = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
      app.load(in);
    }
    assertThat(arguments(instructions, "EXPOSE"))
        .containsExactly(app.getProperty("quarkus.http.port"));
  }

  /** Dockerfile instructions as [keyword, arguments], continuation lines joined. */
  private static List<String[]> instructions() throws IOException {
    List<String[]> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString();
      current.setLength(0);
      int space = text.indexOf(' ');
      result.add(
          new String[] {text.substring(0, space).toUpperCase(), text.substring(space + 1).trim()});
    }
    return result;
  }

  private static List<String> arguments(List<String[]> instructions, String keyword) {
    return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
  }

  /** Files matching a Dockerfile source (a directory, a file, or a glob in the last segment). */
  private static List<Path> matches(String source) throws IOException {
    Path path = Path.of(source.endsWith("/") ? source.substring(0, source.length() - 1) : source);
    String last = path.getFileName().toString();
    if (!last.contains("*")) {
      if (!Files.exists(path)) {
        return List.of();
      }
      if (Files.isDirectory(path)) {
        try (var entries = Files.list(path)) {
          return entries.findAny().isPresent() ? List.of(path) : List.of();
        }
      }
      return List.of(path);
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(path.getParent(), last)) {
      stream.forEach(found::add);
    }
    return found;
  }
}
