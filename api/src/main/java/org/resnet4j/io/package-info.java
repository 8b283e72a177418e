/** Reading and writing tensor files (safetensors) as {@link org.resnet4j.tensor.HostTensor}s, in plain Java. */
package org.resnet4j.io;
