/**
 * Labelled image data for training and evaluation: an in-memory {@link org.resnet4j.data.Dataset} of NHWC float32
 * samples with integer labels, cut into {@link org.resnet4j.data.Batch batches} that a backend uploads once.
 */
package org.resnet4j.data;
