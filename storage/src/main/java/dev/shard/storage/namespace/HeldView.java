package dev.shard.storage.namespace;

import dev.shard.storage.share.SharedView;

/**
 * A view this process retrieved from a namespace and has not released yet.
 *
 * @param namespace where it was retrieved
 * @param variable the variable's name
 * @param view the open view (a {@link dev.shard.storage.share.SharedArray} or a
 *     {@link dev.shard.storage.arrow.SharedArrowTable})
 */
public record HeldView(String namespace, String variable, SharedView view) {
}
