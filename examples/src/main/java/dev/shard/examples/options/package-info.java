/**
 * Command-line options of the example programs: a small {@code --name value} parser
 * with typed accessors, byte sizes such as {@code 512MiB}, and usage errors that say
 * what is wrong, with which option, and how to fix it.
 */
package dev.shard.examples.options;
