/** Solutions to lesson 7's exercises: Caffe-style Keras layer names, the size of a state_dict, top-k from logits. */
package org.resnet4j.tutorials.lesson07.solutions;
