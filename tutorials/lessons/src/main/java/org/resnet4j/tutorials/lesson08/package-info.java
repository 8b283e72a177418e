/** Lesson 8: the paper's CIFAR-10 ResNets (depth 6n + 2), option A and B shortcuts, and what depth does to a signal. */
package org.resnet4j.tutorials.lesson08;
