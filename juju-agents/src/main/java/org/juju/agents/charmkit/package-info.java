/**
 * Running a charm's hooks without an environment, for charm authors: {@link org.juju.agents.charmkit.SimulatedUnit}
 * holds a simulated unit (config, addresses, relations with remote units and their settings) and runs
 * the charm's real hook executables against it, with the real hook environment and the real hook
 * tools, served in-process instead of from ZooKeeper. {@code juju charm run-hook} and
 * {@code juju charm test} are built on it, and JUnit tests can use it directly.
 */
package org.juju.agents.charmkit;
