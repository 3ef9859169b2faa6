package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.EntryType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path lookup the way the kernel does it (research ecr-oci.md §2.6.3): component by component from
 * the root; a symlink's target is spliced in, from the root when absolute and from the link's
 * parent when relative; {@code ..} stops at the root; more than {@value #MAX_HOPS} symlinks is a
 * loop ({@code ELOOP}, Linux {@code MAXSYMLINKS}).
 */
final class PathWalker {
  static final int MAX_HOPS = 40;

  private PathWalker() {}

  /**
   * Where a walk ended: a node and its canonical path, or the reason there is none.
   *
   * @param node the node, null if the walk failed
   * @param path the canonical path of {@code node}
   * @param links the symlinks followed, as {@code /bin/sh -> busybox}
   * @param reason why there is no node, "" when there is
   */
  record Walk(FsNode node, String path, List<String> links, String reason) {
    boolean found() {
      return node != null;
    }
  }

  /**
   * Walks {@code path}.
   *
   * @param followFinal follow a symlink in the last component (like {@code stat}, not {@code lstat})
   * @param createLayer when >= 0, create missing directories as written by that layer, the way an
   *     extractor makes an entry's parents; when < 0, a missing component fails the walk
   * @param budget charged one step per component taken
   */
  static Walk walk(FsNode root, String path, boolean followFinal, int createLayer, WalkBudget budget) {
    Deque<String> todo = new ArrayDeque<>();
    pushFront(todo, path);
    // The canonical path so far, with where each component starts, so that a step costs the
    // length of its own name and not of the whole path: a walk is linear in what it reads.
    StringBuilder canonical = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    List<FsNode> nodes = new ArrayList<>();
    nodes.add(root);
    List<String> links = new ArrayList<>();
    int hops = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      budget.step();
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!starts.isEmpty()) {
          canonical.setLength(starts.remove(starts.size() - 1));
          nodes.remove(nodes.size() - 1);
        }
        continue;
      }
      FsNode dir = nodes.get(nodes.size() - 1);
      FsNode child = dir.children.get(name);
      boolean last = todo.isEmpty();
      if (child == null) {
        if (createLayer < 0) {
          return failed(path, links, "no " + here(canonical, name));
        }
        child = FsNode.directory(0755, createLayer);
        dir.children.put(name, child);
      }
      if (child.type == EntryType.SYMLINK && (!last || followFinal)) {
        String here = here(canonical, name);
        if (++hops > MAX_HOPS) {
          return failed(path, links, "more than " + MAX_HOPS + " symlinks followed (a loop) at " + here);
        }
        links.add(here + " -> " + child.symlinkTarget);
        if (child.symlinkTarget.isEmpty()) {
          return failed(path, links, "empty symlink " + here);
        }
        pushFront(todo, child.symlinkTarget);
        if (child.symlinkTarget.startsWith("/")) {
          canonical.setLength(0);
          starts.clear();
          nodes.subList(1, nodes.size()).clear();
        }
        continue;
      }
      if (!last && !child.isDirectory()) {
        return failed(path, links, here(canonical, name) + " is not a directory");
      }
      starts.add(canonical.length());
      canonical.append('/').append(name);
      nodes.add(child);
    }
    return new Walk(nodes.get(nodes.size() - 1), canonical.length() == 0 ? "/" : canonical.toString(),
        List.copyOf(links), "");
  }

  private static Walk failed(String path, List<String> links, String reason) {
    return new Walk(null, path, List.copyOf(links), reason);
  }

  /** Puts the components of {@code path} in front of the queue, in order. */
  private static void pushFront(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty()) {
        todo.addFirst(parts[i]);
      }
    }
  }

  private static String here(CharSequence canonical, String name) {
    return canonical + "/" + name;
  }
}
