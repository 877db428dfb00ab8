package io.udb.api.event;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates an {@link EventSink}; registered in {@code
 * META-INF/services/io.udb.api.event.EventSinkFactory}. Built-ins: {@code logging}, {@code memory}.
 */
public interface EventSinkFactory extends PluginFactory<EventSink> {}
