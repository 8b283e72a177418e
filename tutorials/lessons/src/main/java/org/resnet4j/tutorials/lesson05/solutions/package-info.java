/** Solutions to the exercises of lesson 5, as methods the tests call. */
package org.resnet4j.tutorials.lesson05.solutions;
