/**
 * Plugin discovery: finds {@link io.udb.api.plugin.PluginFactory} implementations through {@link
 * java.util.ServiceLoader}, joins them with explicitly registered ones, and selects one by name
 * with errors that list every candidate and why it was or was not usable.
 */
package io.udb.core.plugin;
