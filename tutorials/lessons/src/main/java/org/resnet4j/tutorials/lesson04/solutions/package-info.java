/** Solutions to the exercises of lesson 4, as methods the tests call. */
package org.resnet4j.tutorials.lesson04.solutions;
