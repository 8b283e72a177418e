/**
 * The contract test kit: {@link org.resnet4j.tck.ReferenceOps} (the plain-loop oracle) and
 * {@link org.resnet4j.tck.BackendContract} (the tests every backend must pass), shipped in api's test-jar; for
 * training, {@link org.resnet4j.tck.ReferenceGradients} (the oracle of the backward primitives),
 * {@link org.resnet4j.tck.Float64Ops} (forward and backward in float64) and {@link org.resnet4j.tck.GradientChecks}
 * (finite-difference checks of every primitive).
 */
package org.resnet4j.tck;
