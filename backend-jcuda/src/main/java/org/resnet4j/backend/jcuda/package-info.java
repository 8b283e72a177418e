/** The raw CUDA backend: own kernels in CUDA C, shipped as PTX and launched through the JCuda driver API. */
package org.resnet4j.backend.jcuda;
