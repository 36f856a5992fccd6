package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.archive.ArchiveVerifier.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares the chain with heads recorded outside it: the head copy the archive keeps ({@link HeadAnchor}) and a
 * head an auditor noted earlier. The chain may have grown since either was taken; it must still hold them.
 */
final class HeadCheck {
  private static final String CHAIN = "chain.jsonl";

  private HeadCheck() {}

  /** Why the chain cannot be extended as it is: it no longer holds the anchored head. */
  static Optional<String> refusal(List<ChainLink> links, Optional<HeadAnchor> anchor) {
    List<Problem> problems = new ArrayList<>();
    anchor.ifPresent(a -> checkAnchor(links, a, false, problems));
    return problems.stream().map(Problem::toString).findFirst();
  }

  /** Problems with the anchored head (when a copy is configured) and with {@code expectHead} (when given). */
  static List<Problem> problems(List<ChainLink> links, Optional<HeadAnchor> anchor, Optional<String> expectHead) {
    List<Problem> problems = new ArrayList<>();
    anchor.ifPresent(a -> checkAnchor(links, a, true, problems));
    expectHead.map(HeadCheck::hex).ifPresent(expected -> {
      if (links.stream().noneMatch(link -> link.manifest().equals(expected))) {
        problems.add(new Problem(null, CHAIN, "the expected head " + expected + " is not in the chain (" + describe(links)
            + "): archived runs were removed or the chain was rewritten"));
      }
    });
    return problems;
  }

  /** {@code sha256:HEX} or {@code HEX}, any case. */
  static String hex(String head) {
    String hex = head.trim().toLowerCase(Locale.ROOT);
    return hex.startsWith("sha256:") ? hex.substring("sha256:".length()) : hex;
  }

  private static void checkAnchor(List<ChainLink> links, HeadAnchor anchor, boolean strict, List<Problem> problems) {
    Optional<ChainLink> anchored;
    try {
      anchored = anchor.read();
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem(null, anchor.file().toString(), "the chain head copy is unreadable"));
      return;
    }
    if (anchored.isEmpty()) {
      if (strict && !links.isEmpty()) {
        problems.add(new Problem(null, anchor.file().toString(),
            "no chain head copy, though the chain holds " + links.size() + " runs (it was deleted, or nothing was archived since it was configured)"));
      }
      return;
    }
    ChainLink head = anchored.get();
    Optional<ChainLink> same = links.stream().filter(link -> link.sequence() == head.sequence()).findFirst();
    if (same.isEmpty()) {
      problems.add(new Problem(head.runId(), CHAIN, "the chain ends at " + describe(links) + ", but the head copy in "
          + anchor.file() + " is #" + head.sequence() + " " + head.manifest() + " (" + head.runId() + "): archived runs were removed from the end"));
    } else if (!same.get().manifest().equals(head.manifest()) || !same.get().runId().equals(head.runId())) {
      problems.add(new Problem(head.runId(), CHAIN, "link #" + head.sequence() + " is " + same.get().runId() + " "
          + same.get().manifest() + ", but the head copy in " + anchor.file() + " says " + head.runId() + " " + head.manifest()
          + ": the chain was rewritten"));
    } else if (strict && links.get(links.size() - 1).sequence() != head.sequence()) {
      problems.add(new Problem(null, anchor.file().toString(), "the head copy is #" + head.sequence() + " but the chain runs to "
          + describe(links) + ": the copy was not updated after the last archive"));
    }
  }

  private static String describe(List<ChainLink> links) {
    if (links.isEmpty()) {
      return "an empty chain";
    }
    ChainLink last = links.get(links.size() - 1);
    return "#" + last.sequence() + " " + last.manifest();
  }
}
