/**
 * Files in plain Java: safetensors tensor files ({@link org.resnet4j.io.Safetensors}, read into
 * {@link org.resnet4j.tensor.HostTensor}s and written from them, with half-float conversion), a small JSON parser and
 * writer, and {@link org.resnet4j.io.ModelDescription}, a model's architecture as Keras-style JSON that rebuilds the
 * same {@link org.resnet4j.nn.Model}; {@link org.resnet4j.io.AtomicFiles} writes any file so that it is never seen
 * half-written.
 */
package org.resnet4j.io;
