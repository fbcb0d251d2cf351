package io.vitrine.sdk;

/** Where the portal's current articles come from (a CMS feed, a database, a static list). */
@FunctionalInterface
public interface CandidateSource {
  /** The current candidates; called on every request, so return a cached snapshot. */
  Candidates current();
}
