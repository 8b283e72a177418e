/** Solutions to the exercises of lesson 3, as methods the tests call. */
package org.resnet4j.tutorials.lesson03.solutions;
