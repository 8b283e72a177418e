/** Classifying photos with ImageNet models: image loading, Keras and torchvision preprocessing, class labels, top-k. */
package org.resnet4j.models.imagenet;
