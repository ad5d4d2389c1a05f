/**
 * {@code optbench export}: a results folder as one long-format CSV table for pandas or R.
 *
 * <p>Reads the store only through {@code org.optbench.result} (the index, the finished-trial
 * rule, the curve reader), so the store's format has one owner; writes one file, atomically.
 */
package org.optbench.export;
