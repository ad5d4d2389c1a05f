/**
 * The bridge to DeepLearning4J and ND4J: everything that turns optbench's pure-Java
 * specifications into DL4J objects lives here, so the rest of the code base can be used and
 * tested without loading native libraries.
 */
package org.optbench.dl4j;
