package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the package-manager calls of one RUN into steps, consulting and updating the
 * {@link PackageLedger}. Also follows, within the RUN, the idiom of the official images
 * ({@code savedAptMark="$(apt-mark showmanual)"; apt-get install …; apt-mark auto '.*';
 * apt-mark manual $savedAptMark; apt-get purge --auto-remove}), in which what was installed
 * after the snapshot goes away again.
 */
final class PackageEffects {
  private final PackageLedger ledger;
  private final Warnings warnings;
  private final SourceLocation at;
  private boolean aptSnapshot;
  private boolean aptAllAuto;
  private final Set<String> aptInstalledSinceSnapshot = new LinkedHashSet<>();
  private final Set<String> aptManual = new LinkedHashSet<>();

  PackageEffects(PackageLedger ledger, Warnings warnings, SourceLocation at) {
    this.ledger = ledger;
    this.warnings = warnings;
    this.at = at;
  }

  /** The RUN saved the list of manually installed packages ({@code apt-mark showmanual}). */
  void aptSnapshotTaken() {
    aptSnapshot = true;
  }

  /**
   * @param conditional the call is in a branch that may not run: installs still count (a
   *     missed removal is safer than a false one), removals do not
   * @return the steps, or null when the call changes nothing we can name
   */
  List<Step> apply(PackageCall call, boolean conditional) {
    call.notes().forEach(note -> warnings.add(at, note));
    switch (call.kind()) {
      case MARK_AUTO -> markAuto(call.installs());
      case MARK_MANUAL -> {
        ledger.aptMarkManual(call.removes());
        aptManual.addAll(call.removes());
      }
      case CHANGE -> {
        return change(call, conditional);
      }
      case OTHER -> {
        // apk update, apt-get clean, dnf makecache…: no package named
      }
    }
    return null;
  }

  private void markAuto(List<String> names) {
    for (String name : names) {
      if (!PackageCall.beforeAny(name, "*?[^$").equals(name)) {
        aptAllAuto = true; // a pattern such as '.*'
      } else {
        ledger.aptMarkAuto(List.of(name));
      }
    }
  }

  private List<Step> change(PackageCall call, boolean conditional) {
    String manager = call.manager();
    List<Step> steps = new ArrayList<>();
    if (!call.installs().isEmpty()) {
      if (manager.equals("apk")) {
        ledger.apkAdd(call.installs(), call.virtualGroup());
      } else if (manager.equals("apt")) {
        ledger.aptMarkManual(call.installs());
        if (aptSnapshot) {
          aptInstalledSinceSnapshot.addAll(call.installs());
        }
      }
      if (conditional) {
        warnings.add(at, manager + " installs " + Excerpt.inline(call.installs().toString()) + " in a branch that may not run; counted as installed");
      }
      steps.add(new Step.PackagesAdded(manager, call.installs(), at));
    }
    if (!call.removes().isEmpty()) {
      removal(call, conditional, steps);
    }
    if (call.autoRemove()) {
      autoRemoval(conditional, steps);
    }
    return steps.isEmpty() ? null : steps;
  }

  private void removal(PackageCall call, boolean conditional, List<Step> steps) {
    if (conditional) {
      warnings.add(at, call.manager() + " removes " + Excerpt.inline(call.removes().toString()) + " in a branch that may not run; not counted");
      return;
    }
    List<String> notes = new ArrayList<>();
    List<String> removed = call.manager().equals("apk") ? ledger.apkDel(call.removes(), notes) : call.removes();
    notes.forEach(note -> warnings.add(at, note));
    if (!removed.isEmpty()) {
      steps.add(new Step.PackagesRemoved(call.manager(), removed, at));
    }
  }

  // autoremove never touches manually installed packages; only what was marked auto goes.
  private void autoRemoval(boolean conditional, List<Step> steps) {
    Set<String> removed = new LinkedHashSet<>(ledger.takeAptMarkedAuto());
    if (aptAllAuto && aptSnapshot) {
      aptInstalledSinceSnapshot.stream().filter(p -> !aptManual.contains(p)).forEach(removed::add);
      warnings.add(at, "apt autoremove after apt-mark auto '.*': " + Excerpt.inline(removed.toString())
          + " counted as removed (installed after the apt-mark showmanual snapshot)");
    } else if (aptAllAuto) {
      warnings.add(at, "apt autoremove after apt-mark auto with a pattern: which packages go is not known");
    }
    if (conditional) {
      warnings.add(at, "apt autoremove in a branch that may not run; not counted");
      return;
    }
    if (!removed.isEmpty()) {
      steps.add(new Step.PackagesRemoved("apt", List.copyOf(removed), at));
    }
  }
}
