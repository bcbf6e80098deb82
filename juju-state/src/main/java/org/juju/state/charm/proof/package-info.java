/**
 * {@code juju charm proof}: static checks of a charm directory for its author. {@link
 * org.juju.state.charm.proof.CharmProof#check(java.nio.file.Path)} runs every check and returns
 * all the findings at once; a check that cannot run (metadata.yaml does not parse) does not stop
 * the others. The checks reuse the parsers and the bundle's file rules of
 * {@link org.juju.state.charm}, so an error here is what a deploy would refuse.
 */
package org.juju.state.charm.proof;
