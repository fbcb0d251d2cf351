package io.vitrine.sdk.profile;

/** What a user did with an article. */
public enum EventType {
  /** the article was shown; counts as a visit, not as reading */
  IMPRESSION,
  /** the article was clicked (read) */
  CLICK
}
