/**
 * Lesson 10: the seed post's MNIST ResNet-18 trained as the post trains it (categorical cross-entropy, Adam,
 * accuracy; batch 128, validation split 0.1) with {@code Trainer}, on a subset by default or with the full recipe.
 */
package org.resnet4j.tutorials.lesson10;
