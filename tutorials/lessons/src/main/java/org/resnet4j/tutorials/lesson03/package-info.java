/** Lesson 3: ResNet-18 built stage by stage, its shapes, its summary and its parameter count. */
package org.resnet4j.tutorials.lesson03;
