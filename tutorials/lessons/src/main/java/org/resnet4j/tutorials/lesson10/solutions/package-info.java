/**
 * Solutions to lesson 10's exercises: which images Keras' validation split holds out, the seed's network with its
 * missing projection shortcuts put back, and how slowly BatchNorm's moving statistics follow at momentum 0.99.
 */
package org.resnet4j.tutorials.lesson10.solutions;
