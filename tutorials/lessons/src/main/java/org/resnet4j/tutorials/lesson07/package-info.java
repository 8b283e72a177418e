/** Lesson 7: loading published ResNet weights (torchvision, Keras HDF5) and classifying an image with them. */
package org.resnet4j.tutorials.lesson07;
