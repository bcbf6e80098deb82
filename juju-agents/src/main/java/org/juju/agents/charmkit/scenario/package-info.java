/**
 * Scenario files: a charm's {@code tests/*.yaml}, each a sequence of hooks run on a fresh
 * {@link org.juju.agents.charmkit.SimulatedUnit} with the settings, config and stubs it sets up, and
 * what each hook is expected to leave behind. {@link org.juju.agents.charmkit.scenario.ScenarioParser}
 * reads a file (refusing unknown keys), {@link org.juju.agents.charmkit.scenario.ScenarioRunner} runs
 * it and returns a {@link org.juju.agents.charmkit.scenario.ScenarioResult}. {@code juju charm test}
 * is built on them; JUnit tests can use them directly (see docs/charm-scenarios.md).
 */
package org.juju.agents.charmkit.scenario;
