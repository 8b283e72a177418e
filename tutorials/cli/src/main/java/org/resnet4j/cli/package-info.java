/**
 * The {@code resnet4j} command line: one picocli command per file ({@code backends}, {@code summary}, {@code run},
 * {@code gradients}, {@code predict}, {@code parity}, {@code bench}, {@code demo}) under
 * {@link org.resnet4j.cli.ResNet4jCommand}, which holds the runnable jar's {@code main}.
 */
package org.resnet4j.cli;
