package io.vitrine.sdk;

/** An article and its score: the model's click probability, or the fallback's score. */
public record ScoredArticle(String articleId, double score) {}
