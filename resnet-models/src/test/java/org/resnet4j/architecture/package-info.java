/** ArchUnit rules that keep the api free of backends and the backends independent of each other. */
package org.resnet4j.architecture;
