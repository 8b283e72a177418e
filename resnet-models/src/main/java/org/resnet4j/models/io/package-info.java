/** Reading weights trained elsewhere (Keras HDF5, torchvision) into a model's parameters, and the native save format. */
package org.resnet4j.models.io;
