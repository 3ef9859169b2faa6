package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Package-manager state that outlives one RUN and decides what a later removal really removes:
 * apk's world file and {@code --virtual} groups, and the packages {@code apt-mark auto} named.
 * Removals are only counted when they are certain, because a package wrongly counted as removed
 * could turn into a false "curl is missing" error downstream.
 */
final class PackageLedger {
  private final Set<String> apkWorld = new HashSet<>();
  private final Map<String, List<String>> apkGroups = new LinkedHashMap<>();
  private final Set<String> aptMarkedAuto = new LinkedHashSet<>();

  /** {@code apk add}: with a group, the packages belong to that virtual package only. */
  void apkAdd(List<String> packages, String group) {
    if (group == null) {
      apkWorld.addAll(packages);
    } else {
      // apk add -t replaces the group's dependencies rather than adding to them.
      apkGroups.put(group, List.copyOf(packages));
    }
  }

  /**
   * {@code apk del}: a group name removes its packages unless the world still asks for them; a
   * package some remaining group depends on stays installed.
   *
   * @param notes receives why a name was not counted as removed
   * @return the packages actually removed
   */
  List<String> apkDel(List<String> names, List<String> notes) {
    Set<String> removed = new LinkedHashSet<>();
    for (String name : names) {
      List<String> group = apkGroups.remove(name);
      if (group != null) {
        group.stream().filter(p -> !apkWorld.contains(p)).forEach(removed::add);
        continue;
      }
      apkWorld.remove(name);
      removed.add(name);
    }
    for (String name : List.copyOf(removed)) {
      String holder = apkGroups.entrySet().stream()
          .filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey).findFirst().orElse(null);
      if (holder != null) {
        removed.remove(name);
        notes.add("apk del " + name + " keeps it: the virtual package " + holder + " still needs it");
      }
    }
    return new ArrayList<>(removed);
  }

  void aptMarkAuto(List<String> names) {
    aptMarkedAuto.addAll(names);
  }

  /** An explicit install or {@code apt-mark manual} makes a package manual again. */
  void aptMarkManual(List<String> names) {
    names.forEach(aptMarkedAuto::remove);
  }

  /** The packages {@code apt-mark auto} named, which an autoremove takes away; forgets them. */
  List<String> takeAptMarkedAuto() {
    List<String> names = new ArrayList<>(aptMarkedAuto);
    aptMarkedAuto.clear();
    return names;
  }
}
