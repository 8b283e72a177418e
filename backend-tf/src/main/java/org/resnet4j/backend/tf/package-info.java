/** The TensorFlow Java backend: ResNet4J's primitive ops as TensorFlow raw ops, run eagerly or as one compiled graph. */
package org.resnet4j.backend.tf;
