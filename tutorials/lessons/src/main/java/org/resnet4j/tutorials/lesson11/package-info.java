/**
 * Lesson 11: the paper's CIFAR-10 recipe (SGD with momentum and weight decay, the step schedule, crop and flip) on
 * ResNet-20 with option A shortcuts, and residual against plain networks of the same depth, side by side.
 */
package org.resnet4j.tutorials.lesson11;
