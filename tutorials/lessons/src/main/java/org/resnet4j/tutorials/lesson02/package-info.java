/** Lesson 2: blocks b, c and d, the projection shortcut and the bottleneck, built by hand and counted. */
package org.resnet4j.tutorials.lesson02;
