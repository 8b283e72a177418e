/**
 * Solutions to lesson 11's exercises: the schedule in epochs, plain and residual networks with the same parameters,
 * and the paper's weight decay in ResNet4J's decoupled form.
 */
package org.resnet4j.tutorials.lesson11.solutions;
