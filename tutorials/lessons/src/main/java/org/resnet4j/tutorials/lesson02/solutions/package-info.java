/** Solutions to the exercises of lesson 2, as methods the tests call. */
package org.resnet4j.tutorials.lesson02.solutions;
