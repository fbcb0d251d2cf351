package io.vitrine.spec.column;

/** How the embeddings of a multi-valued row are reduced to one vector. */
public enum Combiner {
  /** weighted sum divided by the sum of weights */
  MEAN,
  /** weighted sum */
  SUM,
  /** weighted sum divided by the square root of the sum of squared weights */
  SQRTN
}
