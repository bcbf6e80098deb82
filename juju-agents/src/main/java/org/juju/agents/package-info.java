/** Agents that converge the environment on the state tree. */
package org.juju.agents;
