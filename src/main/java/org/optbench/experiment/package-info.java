/**
 * From a validated experiment to the list of trials: the plan is the cross product of problems,
 * optimizer settings, batch sizes and seeds, and each trial is identified by a content hash of its
 * resolved spec (never a timestamp), so reruns find their earlier results.
 */
package org.optbench.experiment;
