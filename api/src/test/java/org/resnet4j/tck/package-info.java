/**
 * The contract test kit, shipped in api's test-jar: {@link org.resnet4j.tck.ReferenceOps} (the plain-loop oracle),
 * {@link org.resnet4j.tck.BackendContract} (the tests every backend must pass, made of focused contracts such as
 * {@link org.resnet4j.tck.ConvolutionContract}), {@link org.resnet4j.tck.BackendUnderTest} (the one way a test class
 * gets its backend: it states the provider; the kit creates, skips with the probe's reason and closes) and
 * {@link org.resnet4j.tck.KnownGaps} (the contract tests a backend may skip for now, with a reason each); for
 * training, {@link org.resnet4j.tck.ReferenceGradients} (the oracle of the backward primitives),
 * {@link org.resnet4j.tck.Float64Ops} (forward and backward in float64) and {@link org.resnet4j.tck.GradientChecks}
 * (finite-difference checks of every primitive).
 */
package org.resnet4j.tck;
