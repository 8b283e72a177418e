/** Lesson 9: timing the backends honestly, and folding BatchNorm into the convolution before it for inference. */
package org.resnet4j.tutorials.lesson09;
