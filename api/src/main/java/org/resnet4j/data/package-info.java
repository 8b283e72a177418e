/**
 * Labelled image data for training and evaluation: an in-memory {@link org.resnet4j.data.Dataset} of NHWC float32
 * samples with integer labels, cut into {@link org.resnet4j.data.Batch batches} that a backend uploads once; readers
 * for the IDX (MNIST, Fashion-MNIST) and CIFAR-10 binary formats; {@link org.resnet4j.data.Normalization} and the
 * {@link org.resnet4j.data.Augmentation augmentations} of the ResNet paper; and a
 * {@link org.resnet4j.data.DatasetLoader} that finds or downloads the {@link org.resnet4j.data.KnownDataset known
 * data sets}. Pure JDK: gzip, tar, HTTP and MD5 come from {@code java.util.zip}, {@code java.net} and
 * {@code java.security}.
 */
package org.resnet4j.data;
