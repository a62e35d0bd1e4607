package org.fingertip.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The small part of Kustomize that {@code k8s/} uses: {@code resources} (files and directories),
 * {@code namespace}, {@code images} (newName/newTag/digest) and {@code patches} given by {@code
 * path} (strategic merge: maps merge, {@code null} deletes, lists of named items merge by {@code
 * name} in built-in kinds and are replaced in custom resources, as Kustomize does without a
 * schema). Anything else in a kustomization fails loudly, so the manifests cannot drift past what
 * this renderer understands. {@code KubernetesManifestsTest} compares it with {@code kubectl
 * kustomize} where kubectl is installed.
 */
final class Kustomize {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "namespace", "resources", "patches", "images");
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

  private Kustomize() {}

  /** Every YAML document of a file, in order (empty documents skipped). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> load(Path file) {
    try {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Object doc : new Yaml().loadAll(Files.readString(file))) {
        if (doc != null) {
          docs.add((Map<String, Object>) doc);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders the kustomization in {@code dir} into its list of resources. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> render(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    Map<String, Object> k = load(file).get(0);
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException(file + ": unsupported kustomization field " + key);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object entry : (List<Object>) k.getOrDefault("resources", List.of())) {
      Path resource = dir.resolve((String) entry).normalize();
      if (Files.isDirectory(resource)) {
        out.addAll(render(resource));
      } else {
        out.addAll(load(resource));
      }
    }
    for (Object entry : (List<Object>) k.getOrDefault("patches", List.of())) {
      Map<String, Object> patchEntry = (Map<String, Object>) entry;
      if (!patchEntry.keySet().equals(Set.of("path"))) {
        throw new IllegalArgumentException(file + ": only patches with a path are supported");
      }
      for (Map<String, Object> patch : load(dir.resolve((String) patchEntry.get("path")))) {
        Map<String, Object> target =
            out.stream()
                .filter(r -> Objects.equals(r.get("kind"), patch.get("kind")))
                .filter(r -> Objects.equals(name(r), name(patch)))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            file
                                + ": patch target not found "
                                + patch.get("kind")
                                + "/"
                                + name(patch)));
        out.set(out.indexOf(target), (Map<String, Object>) merge(target, patch, builtIn(target)));
      }
    }
    for (Object entry : (List<Object>) k.getOrDefault("images", List.of())) {
      Map<String, Object> image = (Map<String, Object>) entry;
      out.forEach(r -> retagImages(r, image));
    }
    Object namespace = k.get("namespace");
    if (namespace != null) {
      for (Map<String, Object> r : out) {
        if (!CLUSTER_SCOPED.contains(r.get("kind"))) {
          metadata(r).put("namespace", namespace);
        }
      }
    }
    return out;
  }

  static String name(Map<String, Object> resource) {
    return (String) metadata(resource).get("name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metadata(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("metadata");
  }

  /** Built-in API groups: no dot in the group (core, apps, batch...) or a *.k8s.io group. */
  static boolean builtIn(Map<String, Object> resource) {
    String apiVersion = (String) resource.get("apiVersion");
    if (!apiVersion.contains("/")) {
      return true;
    }
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    return !group.contains(".") || group.endsWith(".k8s.io");
  }

  @SuppressWarnings("unchecked")
  private static Object merge(Object base, Object patch, boolean mergeNamedLists) {
    if (base instanceof Map<?, ?> baseMap && patch instanceof Map<?, ?> patchMap) {
      Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) baseMap);
      for (Map.Entry<String, Object> e : ((Map<String, Object>) patchMap).entrySet()) {
        if (e.getValue() == null) {
          result.remove(e.getKey());
        } else if (result.containsKey(e.getKey())) {
          result.put(e.getKey(), merge(result.get(e.getKey()), e.getValue(), mergeNamedLists));
        } else {
          result.put(e.getKey(), e.getValue());
        }
      }
      return result;
    }
    if (mergeNamedLists
        && base instanceof List<?> baseList
        && patch instanceof List<?> patchList
        && named(baseList)
        && named(patchList)) {
      List<Object> result = new ArrayList<>(baseList);
      for (Object item : patchList) {
        Object itemName = ((Map<String, Object>) item).get("name");
        int index = -1;
        for (int i = 0; i < result.size(); i++) {
          if (Objects.equals(((Map<String, Object>) result.get(i)).get("name"), itemName)) {
            index = i;
          }
        }
        if (index < 0) {
          result.add(item);
        } else {
          result.set(index, merge(result.get(index), item, true));
        }
      }
      return result;
    }
    return patch;
  }

  private static boolean named(List<?> list) {
    return !list.isEmpty()
        && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
  }

  /** Kustomize's image transformer over every {@code containers}/{@code initContainers} list. */
  @SuppressWarnings("unchecked")
  private static void retagImages(Object node, Map<String, Object> image) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
            && e.getValue() instanceof List<?> containers) {
          for (Object c : containers) {
            Map<String, Object> container = (Map<String, Object>) c;
            String current = (String) container.get("image");
            if (current != null && repository(current).equals(image.get("name"))) {
              container.put("image", retag(current, image));
            }
          }
        } else {
          retagImages(e.getValue(), image);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(item -> retagImages(item, image));
    }
  }

  /** The image reference without tag or digest. */
  static String repository(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  private static String retag(String current, Map<String, Object> image) {
    String repository = (String) image.getOrDefault("newName", repository(current));
    if (image.get("digest") != null) {
      return repository + "@" + image.get("digest");
    }
    if (image.get("newTag") != null) {
      return repository + ":" + image.get("newTag");
    }
    return repository + current.substring(repository(current).length());
  }
}
