/** Lesson 5: reading a model summary, on the seed blog's Keras ResNet-18 and its departures from the paper. */
package org.resnet4j.tutorials.lesson05;
