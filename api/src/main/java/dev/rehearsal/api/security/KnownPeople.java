package dev.rehearsal.api.security;

import java.util.List;
import java.util.Optional;

/**
 * Everyone who could act on a run (approve it, complete a manual step), so a plan whose sign-off or manual steps nobody
 * can give is refused before its run starts. Today every user comes from configuration ({@code
 * rehearsal.security.users}, or the development tokens), so the list is complete. A source that knows people only as
 * they call (an identity provider's tokens) answers empty: "unknown", and then nothing is checked against it, since a
 * partial list would refuse plans people could in fact meet.
 */
public interface KnownPeople {
  /** Every user who may call, or empty when this source cannot list them all. */
  Optional<List<RehearsalUser>> everyone();
}
