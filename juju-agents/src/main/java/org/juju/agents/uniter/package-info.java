/**
 * The unit agent's decisions, free of ZooKeeper and processes: {@link org.juju.agents.uniter.Resolver}
 * compares what a unit has done ({@link org.juju.agents.uniter.LocalState}, kept on disk by
 * {@link org.juju.agents.uniter.StateFile}) with what the tree wants
 * ({@link org.juju.agents.uniter.RemoteState}) and picks the next {@link org.juju.agents.uniter.Hook};
 * the pure transitions of {@code LocalState} record what happened to it. The watcher side builds
 * remote snapshots and the hook runner executes hooks; see {@code LocalState} for the loop that joins
 * them.
 */
package org.juju.agents.uniter;
