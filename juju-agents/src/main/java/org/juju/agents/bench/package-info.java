/**
 * Measuring and reporting for the scale benchmark: the raw limits of the ZooKeeper server
 * ({@link org.juju.agents.bench.ZooKeeperLimits}), its counters per phase
 * ({@link org.juju.agents.bench.ZooKeeperCounters}), the shape of the tree
 * ({@link org.juju.agents.bench.TreeSurvey}), latency distributions
 * ({@link org.juju.agents.bench.Percentiles}), the JVM's memory
 * ({@link org.juju.agents.bench.JvmFootprint}) and the written result
 * ({@link org.juju.agents.bench.BenchReport}). docs/benchmarks.md explains each measure.
 */
package org.juju.agents.bench;
