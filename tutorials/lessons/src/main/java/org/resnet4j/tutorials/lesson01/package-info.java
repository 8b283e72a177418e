/** Lesson 1: the residual idea and block a, built by hand from layers and compared with resnet-models. */
package org.resnet4j.tutorials.lesson01;
