/**
 * Losses and optimizers written once over the backward primitives, with Keras' conventions: categorical and sparse
 * categorical cross-entropy (from probabilities as Keras clips them, or from logits), SGD with momentum and Nesterov,
 * Adam; optimizer state as named tensors for checkpoints.
 */
package org.resnet4j.training;
