/**
 * Reverse-mode automatic differentiation, written once for every backend: {@link org.resnet4j.autodiff.GradientTape}
 * runs layers on a backend's {@link org.resnet4j.ops.Ops}, records what each op's backward pass needs, and walks the
 * records in reverse with the backend's {@link org.resnet4j.ops.GradientOps} to compute gradients.
 */
package org.resnet4j.autodiff;
