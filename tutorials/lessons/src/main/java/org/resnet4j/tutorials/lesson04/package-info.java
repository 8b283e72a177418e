/** Lesson 4: ResNet-34, 50, 101 and 152 from the paper's table, v1 against v1.5, and counts against torchvision. */
package org.resnet4j.tutorials.lesson04;
