/**
 * What every agent process needs: its command line ({@link org.juju.agents.runtime.AgentArguments}),
 * logging to its directory, a ZooKeeper connection that survives ZooKeeper starting late or going
 * away ({@link org.juju.agents.runtime.AgentConnection}), a presence node, SIGTERM handling
 * ({@link org.juju.agents.runtime.Shutdown}) and supervision of child processes
 * ({@link org.juju.agents.runtime.ProcessSupervisor}).
 */
package org.juju.agents.runtime;
