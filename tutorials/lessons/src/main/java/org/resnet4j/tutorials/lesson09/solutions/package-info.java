/** Solutions to lesson 9's exercises: folding every BatchNorm of a network, and a BatchNorm before a 1x1 convolution. */
package org.resnet4j.tutorials.lesson09.solutions;
