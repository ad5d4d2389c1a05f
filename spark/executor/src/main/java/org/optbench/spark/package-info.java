/**
 * The Spark executor ({@code optbench run CONFIG --executor spark}): a separate build on top of
 * optbench, so Spark stays out of optbench's own jar. {@link org.optbench.spark.SparkExecutorProvider}
 * implements the core's {@link org.optbench.run.ExecutorProvider} seam and starts the Spark
 * application; {@code SparkTrialExecutor} runs each phase's trials as one Spark job, one trial
 * per task, and writes the files each task sends back into the driver's result store;
 * {@code TaskTrainer} is the executor's side, training one trial exactly as a local run does.
 */
package org.optbench.spark;
