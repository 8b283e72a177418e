/**
 * The service-provider interface a backend implements to plug into ResNet4J through {@link java.util.ServiceLoader},
 * and the parts every backend shares: {@link org.resnet4j.spi.AbstractCompiledModel} (input checks, the closed
 * state, calls from several threads), {@link org.resnet4j.spi.CompiledModels} (closing a backend closes its
 * models; {@link org.resnet4j.spi.AbstractBackend} applies it), {@link org.resnet4j.spi.AbstractBackendProvider} (a
 * provider's name and priority) and {@link org.resnet4j.spi.SettingValues} (whole-number settings, one wording).
 */
package org.resnet4j.spi;
