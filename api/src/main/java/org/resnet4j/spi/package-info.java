/**
 * The service-provider interface a backend implements to plug into ResNet4J through {@link java.util.ServiceLoader},
 * and the parts every backend shares: {@link org.resnet4j.spi.AbstractCompiledModel} (input checks, the closed
 * state, calls from several threads) and {@link org.resnet4j.spi.CompiledModels} (closing a backend closes its
 * models).
 */
package org.resnet4j.spi;
