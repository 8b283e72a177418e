/** The service-provider interface a backend implements to plug into ResNet4J through {@link java.util.ServiceLoader}. */
package org.resnet4j.spi;
