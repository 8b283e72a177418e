package org.resnet4j.cli;

import org.resnet4j.tensor.Shape;

/**
 * How far two backends are apart at one layer's output.
 *
 * @param index  the layer's position in execution order, from 1
 * @param layer  the layer's name
 * @param type   the layer's type, for example Conv2D
 * @param shape  the output's shape, batch included
 * @param maxAbs the largest absolute difference of any element
 * @param relL2  the relative L2 error, the first backend's output against the second's
 */
record LayerError(int index, String layer, String type, Shape shape, double maxAbs, double relL2) {
}
