/**
 * Keras-style layers, the functional API that wires them into a {@link org.resnet4j.nn.Model} graph, and the
 * parameters (weights) that the JVM holds for every backend.
 */
package org.resnet4j.nn;
