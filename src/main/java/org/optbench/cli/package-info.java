/**
 * The {@code optbench} command line (picocli): commands parse their arguments, delegate to the
 * other packages and print. User errors exit with code 2 and a message, internal failures with 1.
 */
package org.optbench.cli;
