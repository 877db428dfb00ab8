package io.udb.core.plugin.testplugins;

/** Listed in a services file although it implements no SPI. */
public final class NotAFactory {}
