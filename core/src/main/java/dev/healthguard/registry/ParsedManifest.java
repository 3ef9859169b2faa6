package dev.healthguard.registry;

import java.util.List;
import java.util.Map;

/** A manifest document, read: either an index of platform manifests or one image manifest. */
sealed interface ParsedManifest {

  String mediaType();

  Map<String, String> annotations();

  /** An OCI image index or Docker manifest list. */
  record Index(String mediaType, List<IndexEntry> entries, Map<String, String> annotations) implements ParsedManifest {
    public Index {
      entries = List.copyOf(entries);
      annotations = Map.copyOf(annotations);
    }
  }

  /** An OCI image manifest or Docker v2 schema 2 manifest. */
  record Image(String mediaType, Descriptor config, List<LayerDescriptor> layers, Map<String, String> annotations)
      implements ParsedManifest {
    public Image {
      layers = List.copyOf(layers);
      annotations = Map.copyOf(annotations);
    }
  }
}
