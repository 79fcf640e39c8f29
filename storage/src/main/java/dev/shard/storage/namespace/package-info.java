/**
 * Namespaces of named shared variables (memshare's registerVariables / retrieveViews /
 * releaseViews / releaseVariables): a process registers data under a name, any process
 * retrieves read-only views by name. The registry is a directory of small entry files
 * inside each owner's run directory, so it dies with its owner and is swept with it.
 */
package dev.shard.storage.namespace;
