/** Tests of the safetensors reader and writer and of the header JSON parser. */
package org.resnet4j.io;
