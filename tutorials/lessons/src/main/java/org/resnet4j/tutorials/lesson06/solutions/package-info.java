/** Solutions to lesson 6's exercises: where SAME and symmetric padding agree, compensated summation, finding epsilon. */
package org.resnet4j.tutorials.lesson06.solutions;
