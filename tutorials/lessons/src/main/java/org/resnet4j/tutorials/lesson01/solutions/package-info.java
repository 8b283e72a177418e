/** Solutions to the exercises of lesson 1, as methods the tests call. */
package org.resnet4j.tutorials.lesson01.solutions;
