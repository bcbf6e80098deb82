/**
 * The charm model: charm URLs, metadata ({@code metadata.yaml}), the config schema
 * ({@code config.yaml}), charm directories, deterministic charm bundles (zip files keeping unix
 * modes and symlinks) and the local charm repository.
 *
 * <p>Every problem with a charm is reported as a {@link org.juju.state.error.CharmException};
 * bad user text (a charm URL, an option value given to {@code juju set}) as an
 * {@link org.juju.state.error.InvalidInputException}. Messages are one line and name the file,
 * the key and the problem.
 */
package org.juju.state.charm;
