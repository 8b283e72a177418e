/** Lesson 6: choosing a backend, checking that backends agree, and why frameworks compute different numbers. */
package org.resnet4j.tutorials.lesson06;
