/** Solutions to lesson 8's exercises: the parameter count in closed form, multiply-adds by hand, growth per block. */
package org.resnet4j.tutorials.lesson08.solutions;
