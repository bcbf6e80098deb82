/**
 * Running hooks and serving their tools.
 *
 * <p>A unit agent runs each hook through a {@link org.juju.agents.hook.HookRunner}: the hook gets a
 * fresh {@link org.juju.agents.hook.HookContext} that reads the state through a
 * {@link org.juju.agents.hook.ContextData} and buffers every write. The hook's tools
 * ({@code relation-get}, {@code relation-set}, ...) are one small C client, installed under each
 * tool's name in {@link org.juju.agents.hook.HookTools#directory()}, that forwards its arguments over
 * the agent's Unix socket to a {@link org.juju.agents.hook.ToolServer}; the tools themselves run in
 * the agent. When the hook exits, {@link org.juju.agents.hook.HookResult#changes()} holds everything
 * it asked to change, for the caller to commit in one transaction if it exited 0.
 *
 * <p>{@code juju debug-hooks}: {@link org.juju.agents.hook.HookRunner#debug} hands a hook to the
 * unit's tmux session ({@link org.juju.agents.hook.DebugSession}) instead of running it; the
 * command lines and the window's files are built by the pure {@link org.juju.agents.hook.TmuxCommands}
 * and {@code DebugShell}.
 *
 * <p>{@link org.juju.agents.hook.InMemoryContextData} supplies the data without an environment, for
 * tests and for running a charm's hooks locally.
 */
package org.juju.agents.hook;
