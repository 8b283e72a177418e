/** Shapes, element types and the two kinds of tensor: backend-owned handles and plain host arrays. */
package org.resnet4j.tensor;
